package dev.lectern.worker.events;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports what happened to a job on the events exchange, waiting for the broker's confirm: the worker acks its work
 * message only after the completion event is safely with the broker.
 */
@Component
public class JobEventPublisher {

    private final ConfirmedPublisher publisher;
    private final MessagingTopology topology;
    private final JsonMapper json;

    JobEventPublisher(ConfirmedPublisher publisher, MessagingTopology topology, JsonMapper json) {
        this.publisher = publisher;
        this.topology = topology;
        this.json = json;
    }

    public void publish(JobEvent event) {
        publisher.publishJson(topology.eventsExchange(), event.routingKey(), event.eventId().toString(),
                JobEvent.class.getSimpleName(), json.writeValueAsBytes(event));
    }
}
