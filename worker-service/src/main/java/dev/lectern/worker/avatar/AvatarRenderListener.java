package dev.lectern.worker.avatar;

import com.rabbitmq.client.Channel;
import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.worker.events.JobEventPublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes avatar work in batches: the container gathers what arrives within the batch window (up to the batch
 * size) and hands it over as one list, which {@link AvatarRenderer} renders in one pass. Manual acks, one per
 * message, each only after that job's final event is confirmed by the broker. Unparseable messages are rejected
 * without requeue (→ dead-letter queue); a passing fault (storage down) is rejected too, for the retry topology to
 * redeliver; a job that can never succeed (no face, no speech engine) gets a FAILED event and is acked.
 */
@Component
class AvatarRenderListener {

    private static final Logger log = LoggerFactory.getLogger(AvatarRenderListener.class);

    private final JsonMapper json;
    private final JobEventPublisher events;
    private final AvatarRenderer renderer;

    AvatarRenderListener(JsonMapper json, JobEventPublisher events, AvatarRenderer renderer) {
        this.json = json;
        this.events = events;
        this.renderer = renderer;
    }

    private record Work(AvatarRenderRequested request, long tag, int attempt) {
    }

    private static int attemptOf(List<Work> work, AvatarRenderRequested request) {
        return work.stream().filter(w -> w.request() == request).mapToInt(Work::attempt).findFirst().orElse(1);
    }

    @RabbitListener(queues = "#{@messagingTopology.workQueue(T(dev.lectern.common.jobs.JobKind).AVATAR)}",
            containerFactory = "avatarBatchContainerFactory")
    void onBatch(List<Message> messages, Channel channel) throws IOException {
        List<Work> work = new ArrayList<>();
        for (Message message : messages) {
            long tag = message.getMessageProperties().getDeliveryTag();
            try {
                AvatarRenderRequested request = json.readValue(message.getBody(), AvatarRenderRequested.class);
                int attempt = message.getMessageProperties().isRedelivered() ? 2 : 1;
                work.add(new Work(request, tag, attempt));
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                log.error("Unparseable avatar work message {} dead-lettered: {}",
                        message.getMessageProperties().getMessageId(), e.getMessage());
                channel.basicReject(tag, false);
            }
        }
        if (work.isEmpty()) {
            return;
        }
        for (Work w : work) {
            events.publish(JobEvent.of(w.request().jobId(), JobKind.AVATAR, JobEventType.STARTED, 0, w.attempt(),
                    null, null));
        }
        List<AvatarRenderer.Outcome> outcomes = renderer.render(work.stream().map(Work::request).toList(),
                (request, percent) -> events.publish(JobEvent.of(request.jobId(), JobKind.AVATAR,
                        JobEventType.PROGRESSED, percent, attemptOf(work, request), null, null)));
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            switch (outcomes.get(i)) {
                case AvatarRenderer.Succeeded ok -> {
                    events.publish(JobEvent.of(ok.jobId(), JobKind.AVATAR, JobEventType.SUCCEEDED, 100, w.attempt(),
                            ok.result(), null));
                    channel.basicAck(w.tag(), false);
                }
                case AvatarRenderer.Failed failed when failed.retryable() -> {
                    log.warn("Avatar job {} hit a passing fault, message rejected for retry: {}", failed.jobId(),
                            failed.detail());
                    channel.basicReject(w.tag(), false);
                }
                case AvatarRenderer.Failed failed -> {
                    events.publish(JobEvent.of(failed.jobId(), JobKind.AVATAR, JobEventType.FAILED, 0, w.attempt(),
                            null, new JobEvent.JobError(failed.type(), failed.detail())));
                    channel.basicAck(w.tag(), false);
                }
            }
        }
    }
}
