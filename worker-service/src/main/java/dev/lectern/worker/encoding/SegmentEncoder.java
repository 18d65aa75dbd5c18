package dev.lectern.worker.encoding;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes one segment (one scene) to an H.264 MP4: yuv420p, a keyframe at the start, the same settings as every other
 * segment. Frames come from a {@code TYPE_3BYTE_BGR} image whose bytes are copied into one reused direct buffer and
 * handed to FFmpeg as BGR24 — no per-frame {@code Java2DFrameConverter}, no per-frame allocation, so memory stays flat
 * however long the scene.
 */
public final class SegmentEncoder implements AutoCloseable {

    private final FFmpegFrameRecorder recorder;
    private final EncoderSettings settings;
    private final ByteBuffer frameBuffer;

    public SegmentEncoder(Path output, EncoderSettings settings) throws FrameRecorder.Exception {
        this.settings = settings;
        this.frameBuffer = ByteBuffer.allocateDirect(settings.width() * settings.height() * 3);
        this.recorder = new FFmpegFrameRecorder(output.toFile(), settings.width(), settings.height(), 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(settings.codec());
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.fps() * 2);
        recorder.setVideoOption("preset", settings.preset());
        if (settings.codec().equals(EncoderSelector.X264)) {
            recorder.setVideoOption("crf", String.valueOf(settings.quality()));
            recorder.setVideoOption("threads", String.valueOf(settings.threads()));
            // Closed GOPs and no scene-cut keyframes: every segment has the same structure, so they join cleanly.
            recorder.setVideoOption("x264-params", "scenecut=0:open-gop=0");
        } else {
            recorder.setVideoOption("rc", "constqp");
            recorder.setVideoOption("qp", String.valueOf(settings.quality()));
        }
        recorder.start();
    }

    /**
     * Encodes {@code image} as the next frame.
     *
     * @param changed false when the image is the same as the previous frame: its bytes are not copied again
     */
    public void encode(BufferedImage image, boolean changed) throws FrameRecorder.Exception {
        if (changed) {
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            frameBuffer.clear();
            frameBuffer.put(pixels);
            frameBuffer.flip();
        }
        recorder.recordImage(settings.width(), settings.height(), Frame.DEPTH_UBYTE, 3, settings.width() * 3,
                avutil.AV_PIX_FMT_BGR24, frameBuffer);
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        try {
            recorder.stop();
        } finally {
            recorder.release();
        }
    }
}
