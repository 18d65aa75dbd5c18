package dev.lectern.gateway.routing;

import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.Backend;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that goes away: first 503 problems naming it, then the circuit opens (fast 503s without trying), and when
 * the service is back the circuit half-opens and closes again. A slow service gets a 504 problem after the route's
 * response timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CircuitBreakerTests {

    private static final Backend AVATAR = Backend.start("avatar-service");
    private static final Backend VIDEO = Backend.start("video-service");

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "gateway", false, true, false);
        TestIssuer.shared().register(registry);
        registry.add("LECTERN_AVATAR_URI", AVATAR::uri);
        registry.add("LECTERN_VIDEO_URI", VIDEO::uri);
        registry.add("lectern.gateway.routes.video.response-timeout", () -> "500ms");
        registry.add("resilience4j.circuitbreaker.instances.avatar-service.sliding-window-size", () -> "4");
        registry.add("resilience4j.circuitbreaker.instances.avatar-service.minimum-number-of-calls", () -> "4");
        registry.add("resilience4j.circuitbreaker.instances.avatar-service.wait-duration-in-open-state", () -> "2s");
        registry.add("resilience4j.circuitbreaker.instances.avatar-service.permitted-number-of-calls-in-half-open-state",
                () -> "1");
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @AfterAll
    static void stop() {
        AVATAR.stop();
        VIDEO.stop();
    }

    @Test
    void opensWhenTheServiceIsGoneAndClosesWhenItIsBack() {
        WebTestClient client = client();
        String token = "Bearer " + TestIssuer.shared().token("user-" + UUID.randomUUID(), "LEARNER");
        client.get().uri("/api/avatars/a1").header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();

        AVATAR.stop();
        try {
            for (int i = 0; i < 4; i++) {
                client.get().uri("/api/avatars/a1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/service-unavailable")
                        .jsonPath("$.detail").isEqualTo("avatar-service is not reachable right now; try again shortly.")
                        .jsonPath("$.instance").isEqualTo("/api/avatars/a1");
            }
            CircuitBreaker breaker = breakers.circuitBreaker("avatar-service");
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            long notPermittedBefore = breaker.getMetrics().getNumberOfNotPermittedCalls();
            client.get().uri("/api/avatars/a1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isEqualTo(503);
            assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isGreaterThan(notPermittedBefore);
        } finally {
            AVATAR.restart();
        }

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            client.get().uri("/api/avatars/a1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("avatar-service");
            assertThat(breakers.circuitBreaker("avatar-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void answersASlowServiceWithAGatewayTimeoutProblem() {
        String token = "Bearer " + TestIssuer.shared().token("user-" + UUID.randomUUID(), "LEARNER");
        client().get().uri("/api/videos/v1/slow").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/gateway-timeout")
                .jsonPath("$.detail").isEqualTo("video-service did not answer in time; try again shortly.")
                .jsonPath("$.instance").isEqualTo("/api/videos/v1/slow");
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(15))
                .build();
    }
}
