package dev.lectern.worker.messaging;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.worker.events.JobEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * What happens to work that failed: another attempt after a backoff (the message waits in a delay queue and returns to
 * the work queue by itself — no consumer thread sleeps), or, once the attempts are used up, the job is reported FAILED
 * with its reason and the message goes to the dead-letter queue carrying that reason.
 */
@Component
public class WorkFailures {

    private static final Logger log = LoggerFactory.getLogger(WorkFailures.class);
    public static final String RENDER_FAILED = "https://lectern.dev/problems/render-failed";

    private final ConfirmedPublisher publisher;
    private final MessagingTopology topology;
    private final JobEventPublisher events;
    private final MeterRegistry meters;

    WorkFailures(ConfirmedPublisher publisher, MessagingTopology topology, JobEventPublisher events,
            MeterRegistry meters) {
        this.publisher = publisher;
        this.topology = topology;
        this.events = events;
        this.meters = meters;
    }

    public static int attempt(Message message) {
        Object header = message.getMessageProperties().getHeaders().get(MessagingTopology.ATTEMPT_HEADER);
        return header instanceof Number n ? n.intValue() : 1;
    }

    /** Decides retry or dead letter for a failed attempt; the caller acks the original afterwards. */
    public void handle(Message message, JobKind kind, UUID jobId, int attempt, Exception failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (attempt < topology.maxAttempts()) {
            int next = attempt + 1;
            log.warn("Job {} attempt {} failed ({}); retrying after {}", jobId, attempt, reason,
                    topology.retryDelays().get(attempt - 1));
            publisher.publish("", topology.retryQueue(kind, next), copy(message, next, null));
            meters.counter("lectern.work.retries", "kind", kind.routingSegment()).increment();
            return;
        }
        log.error("Job {} failed after {} attempts: {}", jobId, attempt, reason);
        events.publish(JobEvent.of(jobId, kind, JobEventType.FAILED, 0, attempt, null,
                new JobEvent.JobError(RENDER_FAILED, reason)));
        publisher.publish(topology.deadLetterExchange(), topology.workRoutingKey(kind), copy(message, attempt, reason));
        meters.counter("lectern.work.dead.lettered", "kind", kind.routingSegment()).increment();
    }

    private static Message copy(Message original, int attempt, String failure) {
        var builder = MessageBuilder.withBody(original.getBody())
                .copyProperties(original.getMessageProperties())
                .setHeader(MessagingTopology.ATTEMPT_HEADER, attempt);
        if (failure != null) {
            builder = builder.setHeader(MessagingTopology.FAILURE_HEADER, failure);
        }
        return builder.build();
    }
}
