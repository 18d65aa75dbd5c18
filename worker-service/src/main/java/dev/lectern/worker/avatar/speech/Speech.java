package dev.lectern.worker.avatar.speech;

/** Mono 16-bit PCM narration. */
public record Speech(short[] samples, int sampleRate) {

    public Speech {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive");
        }
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
