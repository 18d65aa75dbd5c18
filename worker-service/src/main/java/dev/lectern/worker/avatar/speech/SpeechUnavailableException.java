package dev.lectern.worker.avatar.speech;

/** The narration cannot be synthesised (no engine installed, unknown voice, engine error): the job fails at once. */
public class SpeechUnavailableException extends Exception {

    public SpeechUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
