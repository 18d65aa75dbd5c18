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
    void aDocumentRoundTripsAndAPlaceholderVideoJobCompletes() throws Exception {
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

        HttpResponse<String> accepted = send("POST", "/api/videos", alice, Map.of("title", "TCP handshake"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode job = json.readTree(send("GET", location, alice, null).body());
            assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        });
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
        HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path)
                : platform.gateway(path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
