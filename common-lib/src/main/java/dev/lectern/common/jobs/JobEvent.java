package dev.lectern.common.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Message contract v1: something happened to a job in a worker. Published on the events topic exchange with the
 * routing key {@code job.<kind>.<type>}; consumed by the job-owning service (to update its row) and by every
 * instance's WebSocket fan-out. Consumers are idempotent on {@link #eventId()}.
 *
 * @param progress 0–100
 * @param attempt the delivery attempt of the work message that produced this event (1 = first)
 * @param result kind-specific result fields (see docs/api), present on SUCCEEDED only
 * @param error present on FAILED only
 */
public record JobEvent(
        int schemaVersion,
        UUID eventId,
        UUID jobId,
        JobKind kind,
        JobEventType type,
        int progress,
        int attempt,
        Instant occurredAt,
        Map<String, Object> result,
        JobError error) {

    public static final int SCHEMA_VERSION = 1;

    public JobEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be 0..100, was " + progress);
        }
        result = result == null ? null : Map.copyOf(result);
    }

    public static JobEvent of(UUID jobId, JobKind kind, JobEventType type, int progress, int attempt,
            Map<String, Object> result, JobError error) {
        return new JobEvent(SCHEMA_VERSION, UUID.randomUUID(), jobId, kind, type, progress, attempt, Instant.now(),
                result, error);
    }

    public String routingKey() {
        return "job." + kind.routingSegment() + "." + type.routingSegment();
    }

    /** Why a job failed: a stable problem type and a sentence for a person. */
    public record JobError(String type, String detail) {
    }
}
