package dev.lectern.common.messaging;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Storyboard;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Message contract v1: render this video job. Published by video-service through its outbox to the work exchange;
 * consumed by worker-service. Carries everything the worker needs (the validated storyboard and the options), so the
 * worker never reads video-service's tables.
 */
public record VideoRenderRequested(int schemaVersion, UUID jobId, String ownerId, Instant requestedAt,
        Storyboard storyboard, RenderOptions options) {

    public static final int SCHEMA_VERSION = 1;

    public VideoRenderRequested {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(storyboard, "storyboard");
        Objects.requireNonNull(options, "options");
    }
}
