package dev.lectern.common.jobs;

import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.outbox.Outbox;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job life cycle shared by video and avatar jobs: accept (row + outbox message in one transaction), read, list,
 * cancel, and apply the worker's events idempotently and never backwards.
 */
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final Outbox outbox;
    private final MessagingTopology topology;
    private final TransactionTemplate transactions;
    private final JobChangeListener changes;

    public JobService(JobStore store, Outbox outbox, MessagingTopology topology, TransactionTemplate transactions,
            JobChangeListener changes) {
        this.store = store;
        this.outbox = outbox;
        this.topology = topology;
        this.transactions = transactions;
        this.changes = changes;
    }

    /** The outcome of a submit: the job, and whether this request created it (false for a repeated key). */
    public record Submitted(Job job, boolean created) {
    }

    /**
     * Accepts a job: writes the row and the work message in one transaction. A repeated {@code idempotencyKey} of the
     * same owner returns the first job instead of creating another.
     *
     * @param workMessage builds the work message from the new job's id
     */
    public Submitted submit(String ownerId, String idempotencyKey, String requestJson,
            Function<UUID, Object> workMessage) {
        if (idempotencyKey != null) {
            Optional<Job> existing = store.findByIdempotencyKey(ownerId, idempotencyKey);
            if (existing.isPresent()) {
                return new Submitted(existing.get(), false);
            }
        }
        try {
            Job job = transactions.execute(status -> {
                UUID id = UUID.randomUUID();
                Job inserted = store.insertQueued(id, ownerId, idempotencyKey, requestJson);
                outbox.append(topology.workExchange(), topology.workRoutingKey(store.kind()), workMessage.apply(id));
                return inserted;
            });
            changes.jobChanged(job);
            return new Submitted(job, true);
        } catch (DuplicateKeyException e) {
            // A concurrent request with the same key committed first: answer with its job.
            return new Submitted(store.findByIdempotencyKey(ownerId, idempotencyKey).orElseThrow(() -> e), false);
        }
    }

    /** The job a previous request with this key created, if any (so a retried POST skips all work). */
    public Optional<Job> findByIdempotencyKey(String ownerId, String idempotencyKey) {
        return store.findByIdempotencyKey(ownerId, idempotencyKey);
    }

    public Job get(String ownerId, UUID id) {
        return store.findOwned(id, ownerId).orElseThrow(() -> new JobNotFoundException(store.kind(), id));
    }

    public Page<Job> list(String ownerId, Pageable pageable) {
        return store.page(ownerId, pageable);
    }

    /** Every user's jobs (operations; the caller's role is checked by the endpoint). */
    public Page<Job> listAll(JobState state, Pageable pageable) {
        return store.pageAll(state, pageable);
    }

    /** Cancels a queued or running job; cancelling a finished job changes nothing and returns it as it is. */
    public Job cancel(String ownerId, UUID id) {
        Job result = transactions.execute(status -> {
            Job job = store.lockById(id).filter(j -> j.ownerId().equals(ownerId))
                    .orElseThrow(() -> new JobNotFoundException(store.kind(), id));
            if (!job.state().canMoveTo(JobState.CANCELLED)) {
                return job;
            }
            store.update(job, new JobProgress(JobState.CANCELLED, job.progress()), job.attempts(), null,
                    new JobEvent.JobError("https://lectern.dev/problems/cancelled", "Cancelled by its owner."),
                    Instant.now());
            return store.findById(id).orElseThrow();
        });
        changes.jobChanged(result);
        return result;
    }

    /** What a replay did with one dead-lettered work message. */
    public enum ReplayOutcome {
        /** the job is QUEUED again and its work message is in the outbox: the message leaves the dead-letter queue */
        REQUEUED,
        /** the job has finished another way (succeeded, cancelled): the message is dropped */
        DROPPED,
        /** the message stays in the dead-letter queue for a later look (see the reason) */
        KEPT
    }

    public record Replay(UUID jobId, ReplayOutcome outcome, String reason) {
    }

    /**
     * Starts a dead-lettered job again: if it is FAILED it becomes QUEUED, and its work message (as it was
     * dead-lettered) goes to the outbox in the same transaction, so the job is queued if and only if its work is.
     * A job still QUEUED or RUNNING is kept for later: the worker publishes the failure before it dead-letters the
     * work, and that event may not have been applied yet.
     */
    public Replay replay(UUID jobId, String messageType, String workJson) {
        Replay replay = transactions.execute(status -> {
            Optional<Job> job = store.lockById(jobId);
            if (job.isEmpty()) {
                return new Replay(jobId, ReplayOutcome.KEPT, "no such job");
            }
            return switch (job.get().state()) {
                case FAILED -> {
                    store.requeueFailed(jobId);
                    outbox.appendJson(topology.workExchange(), topology.workRoutingKey(store.kind()), messageType,
                            workJson);
                    yield new Replay(jobId, ReplayOutcome.REQUEUED, "queued again");
                }
                case SUCCEEDED, CANCELLED -> new Replay(jobId, ReplayOutcome.DROPPED,
                        "the job is " + job.get().state() + "; nothing to replay");
                case QUEUED, RUNNING -> new Replay(jobId, ReplayOutcome.KEPT,
                        "the job is " + job.get().state() + "; its failure may not be recorded yet");
            };
        });
        if (replay.outcome() == ReplayOutcome.REQUEUED) {
            changes.jobChanged(store.findById(jobId).orElseThrow());
        }
        return replay;
    }

    /**
     * Applies a worker's event. Duplicates (same event id) and moves backwards are ignored, so redeliveries and
     * reordering leave the job as one clean delivery would.
     *
     * @return the job after the event, or empty if the event changed nothing
     */
    public Optional<Job> apply(JobEvent event) {
        Optional<Job> changed = transactions.execute(status -> {
            if (!store.markProcessed(event.eventId(), event.jobId())) {
                return Optional.<Job>empty();
            }
            Optional<Job> row = store.lockById(event.jobId());
            if (row.isEmpty()) {
                log.warn("Event {} names unknown job {}; ignored", event.eventId(), event.jobId());
                return Optional.<Job>empty();
            }
            Job job = row.get();
            JobProgress.Outcome outcome = new JobProgress(job.state(), job.progress()).apply(event.type(),
                    event.progress());
            if (outcome instanceof JobProgress.Applied applied) {
                store.update(job, applied.next(), event.attempt(), event.result(), event.error(), event.occurredAt());
                return store.findById(job.id());
            }
            log.debug("Event {} for job {} ignored: {}", event.eventId(), job.id(),
                    ((JobProgress.Ignored) outcome).reason());
            return Optional.<Job>empty();
        });
        changed.ifPresent(changes::jobChanged);
        return changed;
    }

    /** Told about every committed change of a job (the WebSocket fan-out listens here). */
    @FunctionalInterface
    public interface JobChangeListener {
        void jobChanged(Job job);

        JobChangeListener NONE = job -> {
        };
    }
}
