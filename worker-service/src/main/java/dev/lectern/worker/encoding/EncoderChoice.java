package dev.lectern.worker.encoding;

/** The H.264 encoder this worker uses for every job (videos and avatars), chosen once at start-up. */
public record EncoderChoice(String codec) {
}
