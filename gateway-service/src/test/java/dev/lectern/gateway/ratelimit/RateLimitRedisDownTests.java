package dev.lectern.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.Backend;
import dev.lectern.testsupport.TestIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The deliberate choice when Redis is down: the limiter fails open (requests pass, marked
 * {@code X-RateLimit-Remaining: -1}), tokens are still checked, and the replica stays ready: every replica shares the one
 * Redis, so a readiness that followed it would take all of them out of the Service at once and turn the outage the
 * limiter fails open for into a full one. The overall health shows Redis DOWN for dashboards and alerts. Uses its own
 * redis-server, which it stops — never the shared one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitRedisDownTests {

    private static final Backend VIDEO = Backend.start("video-service");
    private static final int REDIS_PORT = freePort();
    private static final Process REDIS = startRedis(REDIS_PORT);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestIssuer.shared().register(registry);
        registry.add("REDIS_HOST", () -> "127.0.0.1");
        registry.add("REDIS_PORT", () -> String.valueOf(REDIS_PORT));
        registry.add("LECTERN_VIDEO_URI", VIDEO::uri);
        registry.add("lectern.gateway.rate-limit.renders.replenish-rate", () -> "1");
        registry.add("lectern.gateway.rate-limit.renders.burst-capacity", () -> "30");
        registry.add("lectern.gateway.rate-limit.renders.requested-tokens", () -> "30");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        REDIS.destroy();
        VIDEO.stop();
    }

    @Test
    void letsRequestsThroughWhenRedisIsDownButStillChecksTokens() throws InterruptedException {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
        String token = "Bearer " + TestIssuer.shared().token("user-" + UUID.randomUUID(), "LEARNER");

        render(client, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "0");
        render(client, token).expectStatus().isEqualTo(429);

        REDIS.destroy();
        assertThat(REDIS.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 3; i++) {
            render(client, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
        }
        render(client, "Bearer not-a-token").expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get().uri("/actuator/health")
                .exchange().expectStatus().isEqualTo(503).expectBody().jsonPath("$.components.redis.status").isEqualTo("DOWN"));
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        // ...and the requests let through unchecked are counted, for the alert that replaces readiness here.
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(metrics -> assertThat(metrics).containsPattern(
                        "(?m)^lectern_gateway_ratelimit_failopen_total\\{[^}]*} [3-9]\\.0$"));
        render(client, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
    }

    private static WebTestClient.ResponseSpec render(WebTestClient client, String token) {
        return client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, token)
                .header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{}").exchange();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.nio.file.Path log) {
        try {
            return java.nio.file.Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Process startRedis(int port) {
        try {
            java.nio.file.Path log = java.nio.file.Files.createTempFile("redis-" + port, ".log");
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().conditionEvaluationListener(c -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + read(log));
                }
            }).until(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed for this test (apt-get install redis-server)", e);
        }
    }
}
