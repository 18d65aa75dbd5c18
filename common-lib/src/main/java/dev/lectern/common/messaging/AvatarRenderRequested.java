package dev.lectern.common.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Message contract v1: render this avatar job. Published by avatar-service through its outbox to the work exchange
 * (routing key {@code avatar.render}); consumed by worker-service. Carries everything the worker needs, so the worker
 * never reads avatar-service's tables: the portrait and any uploaded narration audio are objects in object storage.
 *
 * @param portraitSha256 SHA-256 of the re-encoded portrait (the landmark cache key)
 * @param portraitKey object-storage key of the re-encoded portrait (PNG)
 * @param narrationText text to synthesise; exactly one of this and {@code narrationAudioKey}
 * @param voice voice of the speech engine (for example {@code en-us}); null for the default
 * @param narrationAudioKey object-storage key of uploaded narration audio (WAV or MP3)
 * @param width output width in pixels (even)
 * @param height output height in pixels (even)
 * @param fps output frame rate (25–30)
 * @param seed seeds blinks and head motion, so the same job renders the same video
 */
public record AvatarRenderRequested(int schemaVersion, UUID jobId, String ownerId, Instant requestedAt,
        String portraitSha256, String portraitKey, String narrationText, String voice, String narrationAudioKey,
        int width, int height, int fps, long seed) {

    public static final int SCHEMA_VERSION = 1;

    public AvatarRenderRequested {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(portraitSha256, "portraitSha256");
        Objects.requireNonNull(portraitKey, "portraitKey");
        boolean hasText = narrationText != null && !narrationText.isBlank();
        boolean hasAudio = narrationAudioKey != null && !narrationAudioKey.isBlank();
        if (hasText == hasAudio) {
            throw new IllegalArgumentException("exactly one of narrationText and narrationAudioKey must be given");
        }
        if (width < 64 || height < 64 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be even and at least 64, were " + width + "x"
                    + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60, was " + fps);
        }
    }

    public boolean synthesised() {
        return narrationText != null && !narrationText.isBlank();
    }
}
