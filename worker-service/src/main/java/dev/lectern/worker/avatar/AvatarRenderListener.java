package dev.lectern.worker.avatar;

import com.rabbitmq.client.Channel;
import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.worker.events.JobEventPublisher;
import dev.lectern.worker.messaging.WorkFailures;
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
 * message, each only after that job's outcome is confirmed by the broker. Unparseable messages are rejected without
 * requeue (→ dead-letter queue); a passing fault (storage down, render error) goes to {@link WorkFailures} (retry
 * after a backoff, or FAILED + dead letter once the attempts are spent); a job that can never succeed (no face, no
 * speech engine) gets a FAILED event at once.
 */
@Component
class AvatarRenderListener {

    private static final Logger log = LoggerFactory.getLogger(AvatarRenderListener.class);

    private final JsonMapper json;
    private final JobEventPublisher events;
    private final AvatarRenderer renderer;
    private final WorkFailures failures;

    AvatarRenderListener(JsonMapper json, JobEventPublisher events, AvatarRenderer renderer, WorkFailures failures) {
        this.json = json;
        this.events = events;
        this.renderer = renderer;
        this.failures = failures;
    }

    private record Work(AvatarRenderRequested request, Message message, long tag, int attempt) {
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
                work.add(new Work(request, message, tag, WorkFailures.attempt(message)));
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
        List<AvatarRenderer.Outcome> outcomes;
        try {
            outcomes = renderer.render(work.stream().map(Work::request).toList(),
                    (request, percent) -> events.publish(JobEvent.of(request.jobId(), JobKind.AVATAR,
                            JobEventType.PROGRESSED, percent, attemptOf(work, request), null, null)));
        } catch (RuntimeException e) {
            // the batch pass itself broke (not one job): every job of it gets another attempt or its dead letter
            log.error("Avatar batch of {} failed", work.size(), e);
            for (Work w : work) {
                failures.handle(w.message(), JobKind.AVATAR, w.request().jobId(), w.attempt(), e);
                channel.basicAck(w.tag(), false);
            }
            return;
        }
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            switch (outcomes.get(i)) {
                case AvatarRenderer.Succeeded ok -> {
                    events.publish(JobEvent.of(ok.jobId(), JobKind.AVATAR, JobEventType.SUCCEEDED, 100, w.attempt(),
                            ok.result(), null));
                    channel.basicAck(w.tag(), false);
                }
                case AvatarRenderer.Failed failed when failed.retryable() -> {
                    // another attempt after a backoff (delay queue), or FAILED + dead letter once attempts are spent
                    failures.handle(w.message(), JobKind.AVATAR, failed.jobId(), w.attempt(),
                            new IOException(failed.detail()));
                    channel.basicAck(w.tag(), false);
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
