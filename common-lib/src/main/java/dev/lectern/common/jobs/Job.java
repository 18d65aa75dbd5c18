package dev.lectern.common.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job row as the owning service stores it; kind-specific request and result travel as JSON. */
public record Job(
        UUID id,
        JobKind kind,
        String ownerId,
        JobState state,
        int progress,
        int attempts,
        String idempotencyKey,
        String requestJson,
        Map<String, Object> result,
        JobEvent.JobError error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {
}
