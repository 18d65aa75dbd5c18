package dev.lectern.worker.avatar.animation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.worker.avatar.speech.Speech;
import org.junit.jupiter.api.Test;

class AudioEnvelopeTests {

    /** 1 s silence, 1 s loud tone, 1 s silence at 16 kHz. */
    private static Speech burst() {
        int rate = 16_000;
        short[] s = new short[3 * rate];
        for (int i = rate; i < 2 * rate; i++) {
            s[i] = (short) (12_000 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
        return new Speech(s, rate);
    }

    @Test
    void coversTheAudioWithWholeFramesNeverMoreThanOneFrameLonger() {
        Speech speech = new Speech(new short[22_050 * 2 + 100], 22_050);

        int frames = AudioEnvelope.frameCount(speech, 25);

        assertThat(frames / 25.0).isGreaterThanOrEqualTo(speech.durationSeconds());
        assertThat(frames / 25.0 - speech.durationSeconds()).isLessThan(1 / 25.0);
    }

    @Test
    void opensTheMouthWhileSoundPlaysAndKeepsItShutInSilence() {
        Speech speech = burst();
        int frames = AudioEnvelope.frameCount(speech, 25);

        double[] open = AudioEnvelope.mouthOpening(speech, 25, frames);

        assertThat(frames).isEqualTo(75);
        assertThat(open[10]).isZero();
        assertThat(open[40]).isGreaterThan(0.9);
        assertThat(open[74]).isLessThan(0.01);
        assertThat(java.util.Arrays.stream(open).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(java.util.Arrays.stream(open).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void smoothsTheOnsetInsteadOfJumping() {
        double[] open = AudioEnvelope.mouthOpening(burst(), 25, 75);

        // frame 25 is the first loud one: the jaw is on its way, not yet fully open
        assertThat(open[25]).isBetween(0.3, 0.9);
        assertThat(open[27]).isGreaterThan(open[25]);
    }
}
