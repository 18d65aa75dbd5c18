package dev.lectern.common.jobs;

import dev.lectern.common.messaging.MessagingTopology;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * Updates job rows from the worker's events, on the owning service's shared durable queue: exactly one replica
 * handles each event, and {@link JobService#apply} makes a redelivered or reordered event harmless.
 */
public class JobEventConsumer {

    private final JobService jobs;

    public JobEventConsumer(JobService jobs) {
        this.jobs = jobs;
    }

    /** The queue this service consumes, as a bean the listener annotation can name. */
    public record Queue(String name) {
        public Queue(MessagingTopology topology, JobKind kind) {
            this(topology.jobEventsQueue(kind));
        }
    }

    @RabbitListener(queues = "#{@jobEventsQueue.name()}")
    public void on(JobEvent event) {
        jobs.apply(event);
    }
}
