package dev.lectern.worker.video;

import com.rabbitmq.client.Channel;
import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.worker.events.JobEventPublisher;
import dev.lectern.worker.messaging.RawListenerConfiguration;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes video work. Manual acks: the message is acked only after the completion event is confirmed by the broker,
 * so a worker killed mid-job leaves the message to be redelivered. A message that cannot be parsed is rejected
 * without requeue and lands in the dead-letter queue at once.
 */
@Component
class VideoRenderListener {

    private static final Logger log = LoggerFactory.getLogger(VideoRenderListener.class);

    private final JsonMapper json;
    private final JobEventPublisher events;

    VideoRenderListener(JsonMapper json, JobEventPublisher events) {
        this.json = json;
        this.events = events;
    }

    @RabbitListener(queues = "#{@messagingTopology.workQueue(T(dev.lectern.common.jobs.JobKind).VIDEO)}",
            containerFactory = RawListenerConfiguration.FACTORY)
    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        VideoRenderRequested request;
        try {
            request = json.readValue(message.getBody(), VideoRenderRequested.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.error("Unparseable video work message {} dead-lettered: {}", message.getMessageProperties()
                    .getMessageId(), e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        int attempt = message.getMessageProperties().isRedelivered() ? 2 : 1;
        events.publish(JobEvent.of(request.jobId(), JobKind.VIDEO, JobEventType.STARTED, 0, attempt, null, null));
        // Foundation: no rendering yet, the job completes at once; this proves the message path end to end.
        events.publish(JobEvent.of(request.jobId(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, attempt,
                Map.of("title", request.title() == null ? "" : request.title()), null));
        channel.basicAck(tag, false);
    }
}
