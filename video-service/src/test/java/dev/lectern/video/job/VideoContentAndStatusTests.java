package dev.lectern.video.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.testsupport.TestIssuer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Serving the finished MP4 (ETag, ranges) and the job-status WebSocket, on the real PostgreSQL and RabbitMQ. */
class VideoContentAndStatusTests extends VideoServiceContextTests {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MessagingTopology topology;

    @Autowired
    ObjectStorage storage;

    @Autowired
    JsonMapper json;

    RestTestClient client;
    final String alice = TestIssuer.shared().token("alice", "LEARNER");

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void servesTheVideoWithAnEtagAndByteRanges() throws Exception {
        JobResponse job = submit();
        client.get().uri("/api/videos/" + job.id() + "/content").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        byte[] bytes = new byte[10_000];
        new java.util.Random(7).nextBytes(bytes);
        String sha = ContentAddress.sha256(bytes);
        String key = ContentAddress.key("videos", sha, "mp4");
        storage.put(key, bytes, "video/mp4");
        publish(JobEvent.of(job.id(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, 1,
                Map.of("objectKey", key, "sha256", sha, "sizeBytes", bytes.length), null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get().uri("/api/videos/" + job.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + alice).exchange()
                .expectBody().jsonPath("$.state").isEqualTo("SUCCEEDED"));

        client.get().uri("/api/videos/" + job.id() + "/content").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("video/mp4")
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"" + sha + "\"")
                .expectHeader().valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
                .expectBody(byte[].class).isEqualTo(bytes);
        byte[] part = client.get().uri("/api/videos/" + job.id() + "/content")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + alice).header(HttpHeaders.RANGE, "bytes=100-199")
                .exchange().expectStatus().isEqualTo(206)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-199/10000")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
        // Past the end or malformed: 416 with the size, and a problem as the body, not the video.
        for (String unsatisfiable : new String[] {"bytes=20000-", "bytes=abc"}) {
            client.get().uri("/api/videos/" + job.id() + "/content")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + alice).header(HttpHeaders.RANGE, unsatisfiable)
                    .exchange().expectStatus().isEqualTo(416)
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */10000")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/range-not-satisfiable")
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("10000-byte"));
        }
        // Another unit, or If-Range naming another version (an older ETag, a date): the range is ignored, whole video.
        String[][] ignoredRanges = {{"items=0-5", null}, {"bytes=100-199", "\"an-older-version\""},
                {"bytes=20000-", "Mon, 30 Nov 2026 10:00:00 GMT"}};
        for (String[] ignored : ignoredRanges) {
            client.get().uri("/api/videos/" + job.id() + "/content")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + alice).header(HttpHeaders.RANGE, ignored[0])
                    .headers(h -> { if (ignored[1] != null) { h.set(HttpHeaders.IF_RANGE, ignored[1]); } })
                    .exchange().expectStatus().isOk()
                    .expectHeader().contentLength(bytes.length)
                    .expectBody(byte[].class).isEqualTo(bytes);
        }
        client.get().uri("/api/videos/" + job.id() + "/content").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .header(HttpHeaders.RANGE, "bytes=100-199").header(HttpHeaders.IF_RANGE, "\"" + sha + "\"")
                .exchange().expectStatus().isEqualTo(206);
        client.get().uri("/api/videos/" + job.id() + "/content").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + sha + "\"").exchange().expectStatus().isNotModified();
        String bob = TestIssuer.shared().token("bob", "LEARNER");
        client.get().uri("/api/videos/" + job.id() + "/content").header(HttpHeaders.AUTHORIZATION, "Bearer " + bob)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void theStatusSocketSendsTheCurrentStateThenEveryChangeAndRefusesOthersJobs() throws Exception {
        JobResponse job = submit();
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocketSession socket = connect(alice, received);
        socket.sendMessage(new TextMessage("{\"action\":\"subscribe\",\"jobIds\":[\"" + job.id() + "\"]}"));
        JsonNode first = received.poll(10, TimeUnit.SECONDS);
        assertThat(first.path("type").asString()).isEqualTo("job");
        assertThat(first.path("job").path("state").asString()).isEqualTo("QUEUED");

        // Every cached test context consumes the same events queue, as replicas would; events racing each other
        // there may be applied out of order, and a stale one is dropped by design (JobService#apply). A worker
        // sends its events seconds apart, so each one here is sent after the previous one reached the socket.
        List<JobEvent> events = List.of(
                JobEvent.of(job.id(), JobKind.VIDEO, JobEventType.STARTED, 0, 1, null, null),
                JobEvent.of(job.id(), JobKind.VIDEO, JobEventType.PROGRESSED, 50, 1, null, null),
                JobEvent.of(job.id(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, 1, Map.of("encoder", "libx264"),
                        null));
        StringBuilder seen = new StringBuilder();
        for (JobEvent event : events) {
            publish(event);
            JsonNode update = received.poll(10, TimeUnit.SECONDS);
            assertThat(update).as("update after " + event.type() + "; updates so far: " + seen).isNotNull();
            seen.append(update.path("job").path("state").asString()).append(update.path("job").path("progress"))
                    .append(' ');
        }
        assertThat(seen.toString()).isEqualTo("RUNNING0 RUNNING50 SUCCEEDED100 ");

        String bob = TestIssuer.shared().token("bob", "LEARNER");
        BlockingQueue<JsonNode> bobs = new LinkedBlockingQueue<>();
        WebSocketSession bobSocket = connect(bob, bobs);
        bobSocket.sendMessage(new TextMessage("{\"action\":\"subscribe\",\"jobIds\":[\"" + job.id() + "\"]}"));
        JsonNode refusal = bobs.poll(10, TimeUnit.SECONDS);
        assertThat(refusal.path("type").asString()).isEqualTo("error");
        assertThat(refusal.path("status").asInt()).isEqualTo(404);
        socket.close();
        bobSocket.close();
    }

    @Test
    void aSocketWithoutATokenIsRefusedAtTheHandshake() {
        StandardWebSocketClient ws = new StandardWebSocketClient();
        assertThatThrownBy(() -> ws.execute(new TextWebSocketHandler(), new WebSocketHttpHeaders(),
                URI.create("ws://localhost:" + port + "/ws/videos")).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("401");
    }

    private WebSocketSession connect(String token, BlockingQueue<JsonNode> received) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setSecWebSocketProtocol(java.util.List.of("bearer", token));
        return new StandardWebSocketClient().execute(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                received.add(json.readTree(message.getPayload()));
            }
        }, headers, URI.create("ws://localhost:" + port + "/ws/videos")).get(10, TimeUnit.SECONDS);
    }

    private JobResponse submit() {
        return client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body(VideoJobFlowTests.storyboardRequest("Status"))
                .exchange().expectStatus().isAccepted().expectBody(JobResponse.class).returnResult().getResponseBody();
    }

    private void publish(JobEvent event) {
        rabbit.send(topology.eventsExchange(), event.routingKey(), MessageBuilder.withBody(json.writeValueAsBytes(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).build());
    }
}
