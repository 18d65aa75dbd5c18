package dev.lectern.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.AbstractGatewayTests;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

/** One ECS JSON line per request with method, path, route, status, latency, user and trace id — never the token. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTests extends AbstractGatewayTests {

    @Test
    void writesOneStructuredLinePerRequestWithoutTheToken(CapturedOutput output) {
        String user = freshUser();
        String token = bearer(user, "LEARNER");
        String path = "/api/content/documents/" + UUID.randomUUID();
        client.get().uri(path + "?secret=s3cr3t").header(HttpHeaders.AUTHORIZATION, token)
                .header(HttpHeaders.COOKIE, "session=c00kie").exchange().expectStatus().isOk();

        var lines = linesFor(output, path);
        assertThat(lines.getFirst())
                .contains("\"http\":{\"request\":{\"method\":\"GET\"},\"response\":{\"status_code\":200}}")
                .contains("\"lectern\":{\"route\":{\"id\":\"content-service\"}}")
                .contains("\"event\":{\"duration_ms\":")
                .contains("\"user\":{\"id\":\"" + user + "\"}")
                .containsPattern("\"trace\":\\{\"id\":\"[0-9a-f]{16,32}\"")
                .doesNotContain("s3cr3t")
                .doesNotContain("c00kie");
        assertThat(output.getAll()).doesNotContain(token.substring("Bearer ".length()));
    }

    /** The line is written when the exchange completes, which can be just after the client has the response. */
    private static java.util.List<String> linesFor(CapturedOutput output, String path) {
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("\"url\":{\"path\":\"" + path + "\"}"));
        var lines = output.getOut().lines().filter(l -> l.contains("\"url\":{\"path\":\"" + path + "\"}")).toList();
        assertThat(lines).hasSize(1);
        return lines;
    }

    @Test
    void logsRefusedRequestsToo(CapturedOutput output) {
        String path = "/api/videos/" + UUID.randomUUID();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer forged.token.value").exchange()
                .expectStatus().isUnauthorized();

        var lines = linesFor(output, path);
        assertThat(lines.getFirst()).contains("\"status_code\":401").contains("\"user\":{\"id\":\"-\"}")
                .doesNotContain("forged.token.value");
    }
}
