package dev.lectern.common.messaging;

import dev.lectern.common.jobs.JobKind;
import java.time.Duration;
import java.util.List;

/**
 * Every exchange and queue name, derived once from a namespace ({@code lectern} in production; a unique one in
 * tests so runs never share queues). See docs/architecture.md for the picture.
 */
public record MessagingTopology(String namespace, List<Duration> retryDelays) {

    public MessagingTopology {
        if (namespace == null || !namespace.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("namespace must match [a-z0-9][a-z0-9.-]{0,62}, was " + namespace);
        }
        retryDelays = List.copyOf(retryDelays);
    }

    public MessagingTopology(String namespace) {
        this(namespace, List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    /** Attempts in all: the first delivery plus one retry per delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /**
     * The delay queue that holds work before attempt {@code nextAttempt} (2 = first retry). Messages wait there for
     * the queue's TTL, then dead-letter back to the work exchange: backoff without a sleeping consumer.
     */
    public String retryQueue(JobKind kind, int nextAttempt) {
        return workQueue(kind) + ".retry." + (nextAttempt - 1);
    }

    /** Direct exchange that carries render work to the workers. */
    public String workExchange() {
        return namespace + ".work";
    }

    /** The worker's queue for one kind of job (competing consumers). */
    public String workQueue(JobKind kind) {
        return workExchange() + "." + kind.routingSegment();
    }

    public String workRoutingKey(JobKind kind) {
        return kind.routingSegment() + ".render";
    }

    /** Dead-letter exchange: work that can never succeed ends here with its reason. */
    public String deadLetterExchange() {
        return namespace + ".dlx";
    }

    public String deadLetterQueue(JobKind kind) {
        return workQueue(kind) + ".dlq";
    }

    /** Topic exchange for job events ({@code job.<kind>.<event>}). */
    public String eventsExchange() {
        return namespace + ".events";
    }

    /** Shared durable queue of the job-owning service: one replica updates the job row. */
    public String jobEventsQueue(JobKind kind) {
        return eventsExchange() + "." + kind.routingSegment() + ".jobs";
    }

    /** Topic exchange of job snapshots after each committed change, for every replica's WebSocket clients. */
    public String jobUpdatesExchange() {
        return namespace + ".jobs.updates";
    }

    /** Header counting deliveries of one piece of work across retries (1 = first). */
    public static final String ATTEMPT_HEADER = "x-lectern-attempt";

    /** Header naming why work was dead-lettered. */
    public static final String FAILURE_HEADER = "x-lectern-failure";

    public String jobEventsBinding(JobKind kind) {
        return "job." + kind.routingSegment() + ".#";
    }
}
