package dev.lectern.worker.avatar.animation;

import dev.lectern.worker.avatar.speech.Speech;
import java.util.Arrays;

/**
 * How open the mouth is in each video frame: the narration's RMS per frame, smoothed (fast attack, slower release,
 * as a jaw moves) and normalised to 0..1 against the loud end of the narration (95th percentile), with a noise gate
 * so breaths and silence keep the mouth shut.
 */
public final class AudioEnvelope {

    private static final double ATTACK = 0.6;
    private static final double RELEASE = 0.35;
    private static final double GATE = 0.08;

    private AudioEnvelope() {
    }

    /** Video frames needed to cover the audio: the video is never shorter than its sound, and at most one frame longer. */
    public static int frameCount(Speech speech, int fps) {
        return Math.max(1, (int) Math.ceil(speech.durationSeconds() * fps - 1e-9));
    }

    public static double[] rmsPerFrame(Speech speech, int fps, int frames) {
        double[] rms = new double[frames];
        short[] s = speech.samples();
        for (int f = 0; f < frames; f++) {
            int from = (int) ((long) f * speech.sampleRate() / fps);
            int to = (int) Math.min(s.length, (long) (f + 1) * speech.sampleRate() / fps);
            double sum = 0;
            for (int i = from; i < to; i++) {
                double v = s[i] / 32768.0;
                sum += v * v;
            }
            rms[f] = to > from ? Math.sqrt(sum / (to - from)) : 0;
        }
        return rms;
    }

    /** Mouth opening 0..1 per frame. */
    public static double[] mouthOpening(Speech speech, int fps, int frames) {
        double[] rms = rmsPerFrame(speech, fps, frames);
        double[] sorted = rms.clone();
        Arrays.sort(sorted);
        double loud = sorted[(int) Math.floor((sorted.length - 1) * 0.95)];
        double[] open = new double[frames];
        double level = 0;
        for (int f = 0; f < frames; f++) {
            double target = loud <= 1e-6 ? 0 : Math.min(1, rms[f] / loud);
            target = target < GATE ? 0 : (target - GATE) / (1 - GATE);
            level += (target > level ? ATTACK : RELEASE) * (target - level);
            open[f] = level;
        }
        return open;
    }
}
