package dev.lectern.common.jobs;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter queue of this service's kind of work, for operators: {@link #replay} takes up to {@code limit}
 * messages off it and hands each to {@link JobService#replay}. A message leaves the queue (ack) only once the job's
 * new state and its work message are committed; every other message — kept on purpose, unreadable, or interrupted by
 * a failure — goes back (nack, requeue), so a replay never loses one.
 */
public class DeadLetters {

    /** What one replay did: counts, every message's outcome in order, and how many are left in the queue. */
    public record Report(int requeued, int dropped, int kept, List<JobService.Replay> messages, long remaining) {
    }

    private final RabbitTemplate rabbit;
    private final JobService jobs;
    private final JsonMapper json;
    private final String queue;

    public DeadLetters(RabbitTemplate rabbit, JobService jobs, JsonMapper json, MessagingTopology topology,
            JobKind kind) {
        this.rabbit = rabbit;
        this.jobs = jobs;
        this.json = json;
        this.queue = topology.deadLetterQueue(kind);
    }

    public Report replay(int limit) {
        return rabbit.execute(channel -> {
            List<JobService.Replay> messages = new ArrayList<>();
            List<Long> kept = new ArrayList<>();
            try {
                // Kept messages stay unacknowledged until the end, so basicGet does not hand them out again.
                for (int i = 0; i < limit; i++) {
                    GetResponse message = channel.basicGet(queue, false);
                    if (message == null) {
                        break;
                    }
                    long tag = message.getEnvelope().getDeliveryTag();
                    JobService.Replay replay;
                    try {
                        replay = replayOne(message);
                    } catch (RuntimeException e) {
                        channel.basicNack(tag, false, true);
                        throw e;
                    }
                    messages.add(replay);
                    if (replay.outcome() == JobService.ReplayOutcome.KEPT) {
                        kept.add(tag);
                    } else {
                        channel.basicAck(tag, false);
                    }
                }
            } finally {
                for (long tag : kept) {
                    channel.basicNack(tag, false, true);
                }
            }
            return report(messages, remaining(channel));
        });
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

    private long remaining(Channel channel) throws IOException {
        return channel.messageCount(queue);
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
