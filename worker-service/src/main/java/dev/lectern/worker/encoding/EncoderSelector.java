package dev.lectern.worker.encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the H.264 encoder once, at start-up: with {@code auto}, NVENC when a GPU encoder opens (GPU nodes), else
 * libx264, with one log line saying which and why. The choice is in every job result and a metric label.
 */
public final class EncoderSelector {

    public static final String X264 = "libx264";
    public static final String NVENC = "h264_nvenc";

    private static final Logger log = LoggerFactory.getLogger(EncoderSelector.class);

    private EncoderSelector() {
    }

    /** @param requested {@code auto}, {@code libx264} or {@code h264_nvenc} */
    public static String select(String requested) {
        String wanted = requested.toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case X264 -> X264;
            case NVENC -> {
                if (!opens(NVENC)) {
                    throw new IllegalStateException("h264_nvenc was requested but no NVENC device can be opened");
                }
                yield NVENC;
            }
            case "auto" -> {
                if (opens(NVENC)) {
                    log.info("Encoder: h264_nvenc (a GPU encoder opened)");
                    yield NVENC;
                }
                log.info("Encoder: libx264 (h264_nvenc is not available on this node)");
                yield X264;
            }
            default -> throw new IllegalArgumentException("lectern.worker.encoder must be auto, libx264 or h264_nvenc, was "
                    + requested);
        };
    }

    /** Tries to open the encoder and encode one small frame. */
    static boolean opens(String codec) {
        Path probe = null;
        try {
            probe = Files.createTempFile("encoder-probe-", ".mp4");
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(probe.toFile(), 256, 144, 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName(codec);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(25);
                avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                recorder.start();
                recorder.record(new Frame(256, 144, Frame.DEPTH_UBYTE, 3));
                recorder.stop();
            }
            return true;
        } catch (Exception | UnsatisfiedLinkError e) {
            return false;
        } finally {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
    }
}
