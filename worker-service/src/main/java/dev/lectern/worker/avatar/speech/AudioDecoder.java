package dev.lectern.worker.avatar.speech;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;

/** Decodes an audio file (WAV, MP3, or an MP4's audio track) to mono 16-bit PCM with FFmpeg. */
public final class AudioDecoder {

    static {
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private AudioDecoder() {
    }

    /**
     * @param maxSeconds refuse longer audio
     * @throws IllegalArgumentException if the file has no decodable audio or is too long
     */
    public static Speech decode(Path file, double maxSeconds) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setAudioChannels(1);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.start();
            if (grabber.getAudioStream() < 0 || grabber.getSampleRate() <= 0) {
                throw new IllegalArgumentException("the file has no audio stream");
            }
            int rate = grabber.getSampleRate();
            long limit = (long) Math.ceil(maxSeconds * rate);
            ShortBuffer all = ShortBuffer.allocate((int) Math.min(limit + rate, Integer.MAX_VALUE / 4));
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                ShortBuffer chunk = (ShortBuffer) frame.samples[0];
                chunk.rewind();
                if (chunk.remaining() > all.remaining()) {
                    throw new IllegalArgumentException("the audio is longer than " + maxSeconds + " s");
                }
                all.put(chunk);
            }
            short[] samples = new short[all.position()];
            all.flip().get(samples);
            if (samples.length == 0) {
                throw new IllegalArgumentException("the audio has no samples");
            }
            if (samples.length > limit) {
                throw new IllegalArgumentException("the audio is longer than " + maxSeconds + " s");
            }
            return new Speech(samples, rate);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the audio cannot be decoded: " + e.getMessage(), e);
        }
    }
}
