package dev.lectern.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform end to end, driven only through the gateway, with the five jars running as separate processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform().start();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aDocumentRoundTripsThroughTheGateway() throws Exception {
        String alice = token("alice", "AUTHOR");

        HttpResponse<String> created = send("POST", "/api/content/documents", alice,
                Map.of("title", "TCP handshake", "text", "Flow control is the mechanism that stops a fast sender."));
        assertThat(created.statusCode()).isEqualTo(201);
        String documentId = json.readTree(created.body()).get("id").asString();

        HttpResponse<String> read = send("GET", "/api/content/documents/" + documentId, alice, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).get("title").asString()).isEqualTo("TCP handshake");

        String bob = token("bob", "LEARNER");
        HttpResponse<String> foreign = send("GET", "/api/content/documents/" + documentId, bob, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aStoryboardBecomesAPlayableVideoAndAResubmissionComesFromTheCache() throws Exception {
        String alice = token("alice", "LEARNER");
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> request = Map.of(
                "storyboard", Map.of("title", "E2E " + run, "scenes", java.util.List.of(
                        Map.of("type", "title", "title", "E2E " + run, "subtitle", "End to end", "durationSeconds", 1.5),
                        Map.of("type", "bullets", "title", "Steps " + run, "bullets",
                                java.util.List.of("SYN", "SYN-ACK", "ACK"), "durationSeconds", 2),
                        Map.of("type", "quiz", "question", "How many steps? " + run, "options", java.util.List.of("2", "3"),
                                "answerIndex", 1, "durationSeconds", 2))),
                "options", Map.of("resolution", "640x360", "fps", 24, "quality", "standard"));

        JsonNode first = awaitSucceeded(alice, send("POST", "/api/videos", alice, request));
        assertThat(first.at("/result/scenesRendered").asInt()).isEqualTo(3);
        assertThat(first.at("/result/encoder").asString()).isEqualTo("libx264");

        HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(platform.gateway(
                "/api/videos/" + first.get("id").asString() + "/content")).header("Authorization", "Bearer " + alice)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("e2e-", ".mp4");
        java.nio.file.Files.write(file, video.body());
        try (var probe = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            probe.start();
            assertThat(probe.getVideoCodec()).isEqualTo(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
            assertThat(probe.getImageWidth()).isEqualTo(640);
            assertThat(probe.getImageHeight()).isEqualTo(360);
            assertThat(probe.getFrameRate()).isEqualTo(24.0);
            assertThat(probe.getLengthInTime() / 1e6).isCloseTo(5.5, org.assertj.core.data.Offset.offset(1 / 24.0));
            int frames = 0;
            while (probe.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(36 + 48 + 48);
            probe.stop();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }

        HttpResponse<String> range = sendRaw("GET", "/api/videos/" + first.get("id").asString() + "/content", alice,
                null, null, Map.of("Range", "bytes=0-99"));
        assertThat(range.statusCode()).isEqualTo(206);

        JsonNode again = awaitSucceeded(alice, send("POST", "/api/videos", alice, request));
        assertThat(again.at("/result/scenesRendered").asInt()).isZero();
        assertThat(again.at("/result/scenesFromCache").asInt()).isEqualTo(3);
        assertThat(again.at("/result/sha256").asString()).isEqualTo(first.at("/result/sha256").asString());
    }

    @Test
    void aDocumentBecomesAnExplainerVideoBuiltFromItsStudyMaterial() throws Exception {
        String author = token("author", "AUTHOR");
        String text = new String(getClass().getResourceAsStream("/samples/photosynthesis.md").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> created = send("POST", "/api/content/documents", author,
                Map.of("title", "Photosynthesis", "text", text));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String documentId = json.readTree(created.body()).get("id").asString();

        JsonNode job = awaitSucceeded(author, send("POST", "/api/videos", author, Map.of("documentId", documentId,
                "options", Map.of("resolution", "640x360", "fps", 24))));
        // Title, key points, flashcards, quiz and summary scenes: more than a title alone.
        assertThat(job.at("/result/scenesRendered").asInt() + job.at("/result/scenesFromCache").asInt())
                .isGreaterThanOrEqualTo(4);
        assertThat(job.at("/result/durationSeconds").asDouble()).isGreaterThan(10);

        HttpResponse<String> foreign = send("POST", "/api/videos", token("mallory", "LEARNER"),
                Map.of("documentId", documentId));
        assertThat(foreign.statusCode()).isEqualTo(422);
    }

    private JsonNode awaitSucceeded(String token, HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            job[0] = json.readTree(send("GET", location, token, null).body());
            assertThat(job[0].get("state").asString()).isIn("SUCCEEDED", "FAILED");
        });
        assertThat(job[0].get("state").asString()).as(job[0].toString()).isEqualTo("SUCCEEDED");
        return job[0];
    }

    @Test
    void withoutATokenTheGatewayAnswers401Problem() throws Exception {
        HttpResponse<String> response = send("GET", "/api/content/documents", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).isNotBlank();
    }

    @Test
    void badRequestsAreProblemsNeverStackTraces() throws Exception {
        String alice = token("alice", "AUTHOR");
        HttpResponse<String> malformed = sendRaw("POST", "/api/content/documents", alice, "application/json",
                "{\"title\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = sendRaw("POST", "/api/content/documents", alice, "text/csv", "a,b");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        HttpResponse<String> unknown = send("GET", "/nothing/here", alice, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : java.util.List.of(malformed, wrongType, unknown)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private String token(String user, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/auth/dev-token", null,
                Map.of("username", user, "roles", java.util.List.of(role)));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        return sendRaw(method, path, token, "application/json", body == null ? null : json.writeValueAsString(body));
    }

    private HttpResponse<String> sendRaw(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return sendRaw(method, path, token, contentType, body, Map.of());
    }

    private HttpResponse<String> sendRaw(String method, String path, String token, String contentType, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path)
                : platform.gateway(path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
