package dev.lectern.video.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobState;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.testsupport.TestIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A video job from request to completion on the real PostgreSQL and RabbitMQ: the job row and its outbox message are
 * written together, the relay publishes the work message, and the worker's events move the job forward — never back.
 */
class VideoJobFlowTests extends VideoServiceContextTests {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MessagingTopology topology;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    RestTestClient client;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void acceptsAJobPublishesItsWorkAndFollowsTheWorkersEvents() {
        String alice = TestIssuer.shared().token("alice", "LEARNER");
        JobResponse accepted = submit(alice, null, "Photosynthesis");
        assertThat(accepted.state()).isEqualTo(JobState.QUEUED);

        VideoRenderRequested request = receiveWorkFor(accepted.id());
        assertThat(request.ownerId()).isEqualTo("alice");
        assertThat(request.storyboard().scenes()).hasSize(2);
        assertThat(request.options().width()).isEqualTo(854);
        assertThat(request.options().fps()).isEqualTo(25);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select published_at from outbox where payload like ?", java.sql.Timestamp.class,
                "%" + accepted.id() + "%")).isNotNull());

        publish(JobEvent.of(accepted.id(), JobKind.VIDEO, JobEventType.STARTED, 0, 1, null, null));
        JobEvent succeeded = JobEvent.of(accepted.id(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, 1,
                Map.of("encoder", "libx264"), null);
        publish(succeeded);
        // Duplicate and late events must not change a finished job.
        publish(succeeded);
        publish(JobEvent.of(accepted.id(), JobKind.VIDEO, JobEventType.PROGRESSED, 40, 1, null, null));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(alice, accepted.id()).state())
                .isEqualTo(JobState.SUCCEEDED));
        publish(JobEvent.of(accepted.id(), JobKind.VIDEO, JobEventType.FAILED, 40, 2, null,
                new JobEvent.JobError("x", "late failure")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            JobResponse job = get(alice, accepted.id());
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(job.progress()).isEqualTo(100);
            assertThat(job.result()).containsEntry("encoder", "libx264");
            assertThat(job.startedAt()).isNotNull();
            assertThat(job.finishedAt()).isNotNull();
        });
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJob() {
        String bob = TestIssuer.shared().token("bob", "LEARNER");
        String key = UUID.randomUUID().toString();
        JobResponse first = submit(bob, key, "One");
        JobResponse again = submit(bob, key, "One");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(jdbc.queryForObject("select count(*) from job where owner_id = 'bob' and idempotency_key = ?",
                Long.class, key)).isEqualTo(1);
    }

    @Test
    void anotherUsersJobIsNotFoundAndCancelStopsAQueuedJob() {
        String carol = TestIssuer.shared().token("carol", "LEARNER");
        String dave = TestIssuer.shared().token("dave", "LEARNER");
        JobResponse job = submit(carol, null, "Mine");
        client.get().uri("/api/videos/" + job.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + dave).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete().uri("/api/videos/" + job.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + dave).exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/videos/" + job.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + carol).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("CANCELLED");
        publish(JobEvent.of(job.id(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, 1, Map.of(), null));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(get(carol, job.id()).state()).isEqualTo(JobState.CANCELLED));
    }

    @Test
    void listsOwnJobsWithPageMetadataAndRejectsBadInput() {
        String erin = TestIssuer.shared().token("erin-" + System.nanoTime(), "LEARNER");
        submit(erin, null, "A");
        submit(erin, null, "B");
        client.get().uri("/api/videos?size=1").header(HttpHeaders.AUTHORIZATION, "Bearer " + erin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(1)
                .jsonPath("$.page.totalElements").isEqualTo(2);
        client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + erin)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("storyboard", Map.of("title", "", "scenes",
                        java.util.List.of())))
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("storyboard.title").contains("storyboard.scenes"));
    }

    /** Other tests in this context queue work too: read until this job's message turns up. */
    private VideoRenderRequested receiveWorkFor(UUID jobId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Message work = rabbit.receive(topology.workQueue(JobKind.VIDEO), 1_000);
            if (work != null) {
                VideoRenderRequested request = json.readValue(work.getBody(), VideoRenderRequested.class);
                if (request.jobId().equals(jobId)) {
                    return request;
                }
            }
        }
        throw new AssertionError("no work message for job " + jobId + " was published");
    }

    private JobResponse submit(String token, String idempotencyKey, String title) {
        var request = client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.body(storyboardRequest(title)).exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/videos/[0-9a-f-]{36}")
                .expectBody(JobResponse.class).returnResult().getResponseBody();
    }

    static Map<String, Object> storyboardRequest(String title) {
        return Map.of("storyboard", Map.of("title", title, "scenes", java.util.List.of(
                Map.of("type", "title", "title", title, "durationSeconds", 2),
                Map.of("type", "bullets", "title", "Points", "bullets", java.util.List.of("One", "Two"),
                        "durationSeconds", 3))),
                "options", Map.of("resolution", "854x480", "fps", 25, "quality", "standard"));
    }

    private JobResponse get(String token, UUID id) {
        return client.get().uri("/api/videos/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(JobResponse.class).returnResult().getResponseBody();
    }

    private void publish(JobEvent event) {
        rabbit.send(topology.eventsExchange(), event.routingKey(), org.springframework.amqp.core.MessageBuilder
                .withBody(json.writeValueAsBytes(event)).setContentType(MessageProperties_JSON).build());
    }

    private static final String MessageProperties_JSON = org.springframework.amqp.core.MessageProperties.CONTENT_TYPE_JSON;
}
