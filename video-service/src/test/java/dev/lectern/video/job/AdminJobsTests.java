package dev.lectern.video.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.common.jobs.Job;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.jobs.JobState;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.jobs.JobStore;
import dev.lectern.testsupport.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The operators' endpoints, ADMIN only: every user's jobs (filterable by state) and the dead-letter replay, on the real
 * PostgreSQL and RabbitMQ.
 */
class AdminJobsTests extends VideoServiceContextTests {

    @Autowired
    JobStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    MessagingTopology topology;

    RestTestClient client;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void anAdministratorSeesEveryUsersJobsAndCanFilterByState() {
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        Job queued = store.insertQueued(UUID.randomUUID(), ann, null, "{}");
        Job failed = store.insertQueued(UUID.randomUUID(), bob, null, "{}");
        jdbc.update("update job set state = 'FAILED', error_type = 'render-failed', error_detail = 'x' where id = ?",
                failed.id());
        String admin = "Bearer " + TestIssuer.shared().token("adam", "ADMIN");

        List<String> owners = client.get().uri("/api/videos/admin/jobs?size=100").header(HttpHeaders.AUTHORIZATION, admin)
                .exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody().content().stream()
                .map(AdminJob::ownerId).toList();
        assertThat(owners).contains(ann, bob);

        Page failures = client.get().uri("/api/videos/admin/jobs?state=FAILED&size=100")
                .header(HttpHeaders.AUTHORIZATION, admin).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
        assertThat(failures.content()).allSatisfy(job -> assertThat(job.job().state()).isEqualTo("FAILED"));
        assertThat(failures.content()).extracting(job -> job.job().id())
                .contains(failed.id().toString()).doesNotContain(queued.id().toString());
    }

    @Test
    void nobodyElseSeesThem() {
        client.get().uri("/api/videos/admin/jobs").header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestIssuer.shared().token("lena", "LEARNER", "AUTHOR"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/forbidden");
    }

    @Test
    void anUnknownStateIsABadRequest() {
        client.get().uri("/api/videos/admin/jobs?state=EXPLODED")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().token("adam", "ADMIN"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("state"));
    }

    @Test
    void replayingTheDeadLettersQueuesFailedJobsAgainDropsFinishedOnesAndKeepsTheRest() {
        String dlq = topology.deadLetterQueue(JobKind.VIDEO);
        admin.purgeQueue(dlq, false);
        String owner = "ops-" + UUID.randomUUID();
        Job failed = store.insertQueued(UUID.randomUUID(), owner, null, "{}");
        Job cancelled = store.insertQueued(UUID.randomUUID(), owner, null, "{}");
        Job running = store.insertQueued(UUID.randomUUID(), owner, null, "{}");
        jdbc.update("update job set state = 'FAILED', attempts = 4, progress = 30, error_type = 'render-failed', "
                + "error_detail = 'encoder crashed', finished_at = now() where id = ?", failed.id());
        jdbc.update("update job set state = 'CANCELLED' where id = ?", cancelled.id());
        jdbc.update("update job set state = 'RUNNING' where id = ?", running.id());
        deadLetter(work(failed.id()));
        deadLetter(work(cancelled.id()));
        deadLetter(work(running.id()));
        deadLetter("not json at all");

        // Sent over the template's channels, the four can arrive in any order and a moment later: wait for all.
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.getQueueInfo(dlq).getMessageCount() == 4);

        Report report = client.post().uri("/api/videos/admin/dead-letters/replay?limit=10")
                .header(HttpHeaders.AUTHORIZATION, adminToken())
                .exchange().expectStatus().isOk()
                .expectBody(Report.class).returnResult().getResponseBody();
        assertThat(report.requeued()).isEqualTo(1);
        assertThat(report.dropped()).isEqualTo(1);
        assertThat(report.kept()).isEqualTo(2);
        assertThat(report.remaining()).isEqualTo(2);
        assertThat(report.messages()).extracting(Replay::jobId, Replay::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(failed.id().toString(), "REQUEUED"),
                org.assertj.core.groups.Tuple.tuple(cancelled.id().toString(), "DROPPED"),
                org.assertj.core.groups.Tuple.tuple(running.id().toString(), "KEPT"),
                org.assertj.core.groups.Tuple.tuple(null, "KEPT"));
        assertThat(report.messages()).filteredOn(replay -> replay.jobId() == null).extracting(Replay::reason)
                .containsExactly("not a work message with a jobId");

        Job again = store.findById(failed.id()).orElseThrow();
        assertThat(again.state()).isEqualTo(JobState.QUEUED);
        assertThat(again.attempts()).isZero();
        assertThat(again.error()).isNull();
        assertThat(again.finishedAt()).isNull();
        // The work goes out again through the outbox, exactly as it was dead-lettered.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Message sent = rabbit.receive(topology.workQueue(JobKind.VIDEO), 500);
            return sent != null && new String(sent.getBody(), StandardCharsets.UTF_8).equals(work(failed.id()));
        });
        // The running job's message and the unreadable one are still there for a later look, however often an
        // operator replays (they go back as copies, not requeues a quorum queue would count and finally drop).
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/videos/admin/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, adminToken())
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.kept").isEqualTo(2).jsonPath("$.remaining").isEqualTo(2);
        }
        assertThat(admin.getQueueInfo(dlq).getMessageCount()).isEqualTo(2);
        admin.purgeQueue(dlq, false);
    }

    @Test
    void onlyAnAdministratorReplaysAndTheLimitIsBounded() {
        client.post().uri("/api/videos/admin/dead-letters/replay").header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestIssuer.shared().token("alice", "AUTHOR"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/videos/admin/dead-letters/replay?limit=0").header(HttpHeaders.AUTHORIZATION, adminToken())
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    private static String work(UUID jobId) {
        return "{\"schemaVersion\":1,\"jobId\":\"" + jobId + "\",\"ownerId\":\"ops\"}";
    }

    /** As the worker dead-letters work: the original body and properties plus the attempt and failure headers. */
    private void deadLetter(String body) {
        rabbit.send("", topology.deadLetterQueue(JobKind.VIDEO), MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setHeader(ConfirmedPublisher.MESSAGE_TYPE_HEADER, "VideoRenderRequested")
                .setHeader(MessagingTopology.ATTEMPT_HEADER, 4)
                .setHeader(MessagingTopology.FAILURE_HEADER, "encoder crashed")
                .build());
    }

    private static String adminToken() {
        return "Bearer " + TestIssuer.shared().token("adam", "ADMIN");
    }

    record Report(int requeued, int dropped, int kept, List<Replay> messages, long remaining) {
    }

    record Replay(String jobId, String outcome, String reason) {
    }

    record Page(List<AdminJob> content) {
    }

    record AdminJob(String ownerId, JobView job) {
    }

    record JobView(String id, String state) {
    }
}
