package dev.lectern.worker.avatar;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes one avatar MP4: H.264 (yuv420p) video and AAC audio, {@code moov} atom first ({@code movflags +faststart})
 * so players start before the whole file arrives. The encoder is the worker's {@code EncoderChoice} (NVENC where
 * a GPU encoder opens, else libx264), reported in the result.
 */
final class AvatarVideoWriter implements AutoCloseable {

    /** AAC at 48 kHz: its 1024-sample frames (21 ms) keep the audio's padding well under one video frame. */
    static final int AUDIO_RATE = 48_000;

    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    AvatarVideoWriter(Path file, int width, int height, int fps, String encoder, String preset, int threads)
            throws IOException {
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(encoder);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps * 2);
        if (encoder.startsWith("libx264")) {
            recorder.setVideoOption("preset", preset);
            recorder.setVideoOption("crf", "23");
        }
        recorder.setVideoOption("threads", Integer.toString(threads));
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setAudioChannels(1);
        recorder.setSampleRate(AUDIO_RATE);
        recorder.setAudioBitrate(96_000);
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            recorder.release();
            throw new IOException("cannot start the " + encoder + " encoder: " + e.getMessage(), e);
        }
    }

    void video(Mat bgr) throws IOException {
        Frame frame = converter.convert(bgr);
        recorder.record(frame);
    }

    /** Audio at its own rate; FFmpeg resamples to {@link #AUDIO_RATE}. */
    void audio(short[] samples, int from, int to, int sampleRate) throws IOException {
        if (to > from) {
            recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(samples, from, to - from));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
        } finally {
            recorder.release();
            converter.close();
        }
    }
}
