package dev.lectern.common.jobs;

import com.rabbitmq.client.GetResponse;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter queue of this service's kind of work, for operators: {@link #replay} takes up to {@code limit}
 * messages off it and hands each to {@link JobService#replay}. A message leaves the queue (ack) only once the job's
 * new state and its work message are committed, or once its copy is back in the queue (kept on purpose, unreadable);
 * a message whose handling fails is returned (nack, requeue), so a replay never loses one.
 */
public class DeadLetters {

    /** What one replay did: counts, every message's outcome in order, and how many are left in the queue. */
    public record Report(int requeued, int dropped, int kept, List<JobService.Replay> messages, long remaining) {
    }

    private static final DefaultMessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    private final RabbitTemplate rabbit;
    private final ConfirmedPublisher publisher;
    private final JobService jobs;
    private final JsonMapper json;
    private final String queue;

    public DeadLetters(RabbitTemplate rabbit, ConfirmedPublisher publisher, JobService jobs, JsonMapper json,
            MessagingTopology topology, JobKind kind) {
        this.rabbit = rabbit;
        this.publisher = publisher;
        this.jobs = jobs;
        this.json = json;
        this.queue = topology.deadLetterQueue(kind);
    }

    public Report replay(int limit) {
        return rabbit.execute(channel -> {
            List<JobService.Replay> messages = new ArrayList<>();
            // Kept messages go back to the tail of the queue, so look at no more than were there at the start.
            long waiting = channel.messageCount(queue);
            for (long i = 0; i < Math.min(limit, waiting); i++) {
                GetResponse message = channel.basicGet(queue, false);
                if (message == null) {
                    break;
                }
                long tag = message.getEnvelope().getDeliveryTag();
                try {
                    JobService.Replay replay = replayOne(message);
                    if (replay.outcome() == JobService.ReplayOutcome.KEPT) {
                        keep(message);
                    }
                    channel.basicAck(tag, false);
                    messages.add(replay);
                } catch (RuntimeException e) {
                    channel.basicNack(tag, false, true);
                    throw e;
                }
            }
            return report(messages, channel.messageCount(queue));
        });
    }

    /**
     * A kept message goes back as a copy at the tail (confirmed before the original is acked) rather than by a
     * requeue: a quorum queue counts requeues against its delivery limit and drops the message past it, and a
     * requeued message returns to the head, where the same kept messages would fill every later replay's batch.
     */
    private void keep(GetResponse message) {
        MessageProperties properties = PROPERTIES.toMessageProperties(message.getProps(), message.getEnvelope(),
                StandardCharsets.UTF_8.name());
        if (properties.getMessageId() == null) {
            properties.setMessageId(UUID.randomUUID().toString()); // the confirm is matched by message id
        }
        publisher.publish("", queue, new Message(message.getBody(), properties));
    }

    private JobService.Replay replayOne(GetResponse message) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        UUID jobId;
        try {
            jobId = UUID.fromString(json.readTree(body).path("jobId").asString());
        } catch (JacksonException | IllegalArgumentException e) {
            return new JobService.Replay(null, JobService.ReplayOutcome.KEPT, "not a work message with a jobId");
        }
        Map<String, Object> headers = message.getProps().getHeaders();
        Object type = headers == null ? null : headers.get(ConfirmedPublisher.MESSAGE_TYPE_HEADER);
        if (type == null) {
            return new JobService.Replay(jobId, JobService.ReplayOutcome.KEPT, "the message has no type header");
        }
        return jobs.replay(jobId, type.toString(), body);
    }

    private static Report report(List<JobService.Replay> messages, long remaining) {
        int requeued = 0;
        int dropped = 0;
        int kept = 0;
        for (JobService.Replay replay : messages) {
            switch (replay.outcome()) {
                case REQUEUED -> requeued++;
                case DROPPED -> dropped++;
                case KEPT -> kept++;
            }
        }
        return new Report(requeued, dropped, kept, List.copyOf(messages), remaining);
    }
}
