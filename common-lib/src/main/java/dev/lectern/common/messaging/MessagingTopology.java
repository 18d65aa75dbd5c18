package dev.lectern.common.messaging;

import dev.lectern.common.jobs.JobKind;

/**
 * Every exchange and queue name, derived once from a namespace ({@code lectern} in production; a unique one in
 * tests so runs never share queues). See docs/architecture.md for the picture.
 */
public record MessagingTopology(String namespace) {

    public MessagingTopology {
        if (namespace == null || !namespace.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("namespace must match [a-z0-9][a-z0-9.-]{0,62}, was " + namespace);
        }
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

    public String jobEventsBinding(JobKind kind) {
        return "job." + kind.routingSegment() + ".#";
    }
}
