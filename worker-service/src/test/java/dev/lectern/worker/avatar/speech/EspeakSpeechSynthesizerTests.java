package dev.lectern.worker.avatar.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EspeakSpeechSynthesizerTests {

    private final EspeakSpeechSynthesizer espeak = new EspeakSpeechSynthesizer("espeak-ng", Duration.ofSeconds(30));

    @Test
    void speaksAShortSentenceAsAFewSecondsOfAudibleSound() throws SpeechUnavailableException {
        Speech speech = espeak.synthesize("Plants turn light into sugar.", "en-us");

        assertThat(speech.durationSeconds()).isBetween(1.0, 4.0);
        int peak = 0;
        for (short s : speech.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isGreaterThan(3000);
    }

    @Test
    void longerTextTakesLonger() throws SpeechUnavailableException {
        double shortOne = espeak.synthesize("Hello.", "en-us").durationSeconds();
        double longOne = espeak.synthesize("Hello. The chloroplast carries out photosynthesis.", "en-us")
                .durationSeconds();

        assertThat(longOne).isGreaterThan(shortOne + 1.0);
    }

    @Test
    void failsWithAClearReasonWhenTheEngineIsNotInstalled() {
        var missing = new EspeakSpeechSynthesizer("espeak-ng-not-installed-here", Duration.ofSeconds(5));

        assertThatThrownBy(() -> missing.synthesize("Hello.", "en-us"))
                .isInstanceOf(SpeechUnavailableException.class)
                .hasMessageContaining("no text-to-speech engine")
                .hasMessageContaining("espeak-ng");
    }

    @Test
    void probeNamesTheInstalledEngineOrSaysWhatIsMissing() throws SpeechUnavailableException {
        assertThat(espeak.probe()).containsIgnoringCase("espeak");
        assertThatThrownBy(() -> new EspeakSpeechSynthesizer("espeak-ng-not-installed-here", Duration.ofSeconds(5))
                .probe()).hasMessageContaining("install the Debian package espeak-ng");
    }

    @Test
    void refusesAVoiceNameThatIsNotOne() {
        assertThatThrownBy(() -> espeak.synthesize("Hello.", "en; rm -rf /"))
                .isInstanceOf(SpeechUnavailableException.class).hasMessageContaining("voice");
    }
}
