package dev.lectern.common.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job as the API and the WebSocket stream show it (docs/api/jobs.md). */
public record JobResponse(
        UUID id,
        String kind,
        JobState state,
        int progress,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Object> result,
        JobEvent.JobError error) {

    public static JobResponse from(Job job) {
        return new JobResponse(job.id(), job.kind().routingSegment(), job.state(), job.progress(), job.attempts(),
                job.createdAt(), job.startedAt(), job.finishedAt(), job.result(), job.error());
    }
}
