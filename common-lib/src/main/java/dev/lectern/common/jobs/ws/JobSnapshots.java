package dev.lectern.common.jobs.ws;

import dev.lectern.common.jobs.Job;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.messaging.MessagingTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * After every committed change of a job, its new state goes to the job-updates exchange; every replica's own queue
 * receives it and pushes it to the WebSocket clients connected there. So any replica can serve any subscriber.
 * Best effort: a lost update is repaired by the next one, and a client that re-subscribes gets the current state.
 */
public class JobSnapshots implements JobService.JobChangeListener {

    private static final Logger log = LoggerFactory.getLogger(JobSnapshots.class);

    private final RabbitTemplate rabbit;
    private final MessagingTopology topology;
    private final JsonMapper json;

    public JobSnapshots(RabbitTemplate rabbit, MessagingTopology topology, JsonMapper json) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
    }

    @Override
    public void jobChanged(Job job) {
        try {
            rabbit.send(topology.jobUpdatesExchange(), job.kind().routingSegment() + "." + job.id(),
                    MessageBuilder.withBody(json.writeValueAsBytes(JobResponse.from(job)))
                            .setContentType(MessageProperties.CONTENT_TYPE_JSON).build());
        } catch (AmqpException e) {
            log.warn("Job update for {} not broadcast: {}", job.id(), e.getMessage());
        }
    }
}
