package dev.lectern.worker.encoding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Joins segments into one MP4 by stream copy (FFmpeg's concat demuxer, packets copied, nothing re-encoded), with the
 * {@code moov} atom moved to the front ({@code +faststart}) so a browser can start playing before the whole file
 * arrives.
 */
public final class SegmentJoiner {

    private SegmentJoiner() {
    }

    public static void join(List<Path> segments, Path output) throws IOException {
        Path list = Files.createTempFile(output.getParent(), "concat-", ".txt");
        try {
            StringBuilder entries = new StringBuilder("ffconcat version 1.0\n");
            for (Path segment : segments) {
                entries.append("file '").append(segment.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
            }
            Files.writeString(list, entries, StandardCharsets.UTF_8);
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(list.toFile())) {
                grabber.setFormat("concat");
                grabber.setOption("safe", "0");
                grabber.start();
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), grabber.getImageWidth(),
                        grabber.getImageHeight(), 0)) {
                    recorder.setFormat("mp4");
                    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                    recorder.setFrameRate(grabber.getFrameRate());
                    recorder.setOption("movflags", "+faststart");
                    recorder.start(grabber.getFormatContext());
                    AVPacket packet;
                    while ((packet = grabber.grabPacket()) != null) {
                        recorder.recordPacket(packet);
                    }
                    recorder.stop();
                }
                grabber.stop();
            }
        } finally {
            Files.deleteIfExists(list);
        }
    }
}
