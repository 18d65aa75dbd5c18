package dev.lectern.worker.avatar.speech;

/**
 * Text to speech. Implementations are created once per worker and keep their voices loaded; they must be safe to
 * call from several render threads at once.
 */
public interface SpeechSynthesizer {

    /** A short engine name for logs and results, e.g. {@code espeak-ng}. */
    String name();

    /**
     * @param voice engine voice, e.g. {@code en-us}
     * @throws SpeechUnavailableException if the engine is missing or cannot speak this text
     */
    Speech synthesize(String text, String voice) throws SpeechUnavailableException;
}
