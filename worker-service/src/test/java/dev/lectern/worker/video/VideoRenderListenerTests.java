package dev.lectern.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestS3;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker on the real RabbitMQ, Redis and an S3 server: work in, progress and a result out, the MP4 stored by its
 * hash; a failing render retried with backoff then dead-lettered with its reason; poison straight to the DLQ.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class VideoRenderListenerTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "worker", false, true, true);
        TestS3.shared().register(registry, "worker-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("lectern.messaging.retry-delays", () -> "100ms,200ms");
        registry.add("lectern.worker.encoder", () -> "libx264");
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    MessagingTopology topology;

    @Autowired
    JsonMapper json;

    @Autowired
    ObjectStorage storage;

    Queue events;

    @BeforeEach
    void listenToEvents() {
        events = QueueBuilder.nonDurable("worker-test-events-" + UUID.randomUUID()).build();
        admin.declareQueue(events);
        admin.declareBinding(new Binding(events.getName(), Binding.DestinationType.QUEUE, topology.eventsExchange(),
                "job.video.#", null));
    }

    @AfterEach
    void removeQueue() {
        admin.deleteQueue(events.getName());
    }

    @Test
    void rendersReportsProgressAndStoresTheVideoByItsHash() throws Exception {
        UUID jobId = UUID.randomUUID();
        Storyboard storyboard = new Storyboard("Hello", List.of(
                new Scene.Title("Hello", "A two-scene video", 1, null),
                new Scene.Bullets("Points", List.of("One", "Two"), 1, null)));
        send(new VideoRenderRequested(1, jobId, "alice", Instant.now(), storyboard,
                new RenderOptions(640, 360, 24, RenderOptions.Quality.STANDARD)));

        List<JobEvent> received = eventsUntil(JobEventType.SUCCEEDED, jobId);
        assertThat(received.getFirst().type()).isEqualTo(JobEventType.STARTED);
        assertThat(received).extracting(JobEvent::type).contains(JobEventType.PROGRESSED);
        JobEvent done = received.getLast();
        assertThat(done.result()).containsEntry("encoder", "libx264").containsEntry("width", 640)
                .containsEntry("fps", 24).containsEntry("frames", 48);
        String objectKey = (String) done.result().get("objectKey");
        assertThat(objectKey).startsWith("videos/").endsWith((String) done.result().get("sha256") + ".mp4");
        assertThat(storage.size(objectKey)).contains(((Number) done.result().get("sizeBytes")).longValue());
    }

    @Test
    void aFailingRenderIsRetriedWithBackoffThenFailedAndDeadLettered() {
        UUID jobId = UUID.randomUUID();
        // Renders cannot fit this title on a 640x360 frame: every attempt fails the same way.
        String unfittable = "word ".repeat(2000);
        send(new VideoRenderRequested(1, jobId, "alice", Instant.now(),
                new Storyboard("Too long", List.of(new Scene.Title(unfittable, null, 1, null))),
                new RenderOptions(640, 360, 24, RenderOptions.Quality.STANDARD)));

        List<JobEvent> received = eventsUntil(JobEventType.FAILED, jobId);
        assertThat(received).filteredOn(e -> e.type() == JobEventType.STARTED).extracting(JobEvent::attempt)
                .containsExactly(1, 2, 3);
        JobEvent failed = received.getLast();
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.error().detail()).contains("does not fit");

        Message dead = receiveFromDeadLetters(jobId);
        assertThat(dead.getMessageProperties().getHeaders().get(MessagingTopology.FAILURE_HEADER).toString())
                .contains("does not fit");
    }

    @Test
    void aCancelledJobStopsRenderingAndIsNotRetried() throws Exception {
        UUID jobId = UUID.randomUUID();
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scenes.add(new Scene.Bullets("Long part " + i, List.of("A", "B"), 30, null));
        }
        send(new VideoRenderRequested(1, jobId, "alice", Instant.now(), new Storyboard("Long", scenes),
                new RenderOptions(1280, 720, 30, RenderOptions.Quality.STANDARD)));
        eventsUntil(JobEventType.STARTED, jobId);

        // What video-service broadcasts after a cancel: the job's new state.
        rabbit.send(topology.jobUpdatesExchange(), "video." + jobId, MessageBuilder.withBody(json.writeValueAsBytes(
                java.util.Map.of("id", jobId, "kind", "video", "state", "CANCELLED", "progress", 0, "attempts", 1)))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).build());

        // The render stops: no success, no failure, no retry — and the worker is free for the next job.
        UUID next = UUID.randomUUID();
        send(new VideoRenderRequested(1, next, "alice", Instant.now(),
                new Storyboard("Next", List.of(new Scene.Title("Next", null, 0.5, null))),
                new RenderOptions(640, 360, 24, RenderOptions.Quality.STANDARD)));
        List<JobEvent> afterCancel = allEventsUntil(JobEventType.SUCCEEDED, next);
        assertThat(afterCancel).filteredOn(e -> e.jobId().equals(jobId)).extracting(JobEvent::type)
                .doesNotContain(JobEventType.SUCCEEDED, JobEventType.FAILED, JobEventType.STARTED);
        assertThat(rabbit.receive(topology.retryQueue(JobKind.VIDEO, 2), 500)).isNull();
    }

    @Test
    void anUnparseableMessageGoesStraightToTheDeadLetterQueue() {
        String id = "poison-" + UUID.randomUUID();
        Message poison = MessageBuilder.withBody(("{not json " + id).getBytes())
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).setMessageId(id).build();
        rabbit.send(topology.workExchange(), topology.workRoutingKey(JobKind.VIDEO), poison);

        Message dead = rabbit.receive(topology.deadLetterQueue(JobKind.VIDEO), 10_000);
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody())).isEqualTo("{not json " + id);
        assertThat(dead.getMessageProperties().getHeaders()).doesNotContainKey(MessagingTopology.ATTEMPT_HEADER);
    }

    private void send(VideoRenderRequested request) {
        rabbit.send(topology.workExchange(), topology.workRoutingKey(JobKind.VIDEO), MessageBuilder
                .withBody(json.writeValueAsBytes(request)).setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(UUID.randomUUID().toString()).build());
    }

    private List<JobEvent> eventsUntil(JobEventType last, UUID jobId) {
        List<JobEvent> received = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(events.getName(), 1_000);
            if (message == null) {
                continue;
            }
            JobEvent event = json.readValue(message.getBody(), JobEvent.class);
            if (event.jobId().equals(jobId)) {
                received.add(event);
                if (event.type() == last) {
                    return received;
                }
            }
        }
        throw new AssertionError("no " + last + " event for " + jobId + "; got " + received);
    }

    /** Every event, of any job, until {@code last} of {@code jobId}. */
    private List<JobEvent> allEventsUntil(JobEventType last, UUID jobId) {
        List<JobEvent> received = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(events.getName(), 1_000);
            if (message != null) {
                JobEvent event = json.readValue(message.getBody(), JobEvent.class);
                received.add(event);
                if (event.jobId().equals(jobId) && event.type() == last) {
                    return received;
                }
            }
        }
        throw new AssertionError("no " + last + " event for " + jobId + "; got " + received);
    }

    private Message receiveFromDeadLetters(UUID jobId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Message dead = rabbit.receive(topology.deadLetterQueue(JobKind.VIDEO), 1_000);
            if (dead != null && new String(dead.getBody()).contains(jobId.toString())) {
                return dead;
            }
        }
        throw new AssertionError("job " + jobId + " was not dead-lettered");
    }
}
