package dev.lectern.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.AbstractGatewayTests;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Render requests have their own, tight bucket per user (burst 3, 1/s in this context); reads a generous one. */
class RateLimitTests extends AbstractGatewayTests {

    @Test
    void refusesTheRequestBeyondTheBurstWithAProblemAndRetryAfter() {
        String token = bearer(freshUser(), "LEARNER");
        render(token).expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "3")
                .expectHeader().valueEquals("X-RateLimit-Replenish-Rate", "1")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "2");
        EntityExchangeResult<String> refused = exhaust(token);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("3");
        assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("1");
        assertThat(refused.getResponseBody())
                .contains("\"type\":\"https://lectern.dev/problems/rate-limited\"")
                .contains("\"status\":429")
                .contains("\"instance\":\"/api/videos\"")
                .contains("retry in 1 s");
    }

    @Test
    void limitsEachUserSeparatelyAndReadsSeparatelyFromRenders() {
        String busy = bearer(freshUser(), "LEARNER");
        exhaust(busy);
        client.get().uri("/api/videos/v1").header(HttpHeaders.AUTHORIZATION, busy).exchange().expectStatus().isOk();
        render(bearer(freshUser(), "LEARNER")).expectStatus().isOk();
    }

    @Test
    void acceptsAgainOnceTheBucketRefills() {
        String token = bearer(freshUser(), "LEARNER");
        exhaust(token);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                render(token).expectStatus().isOk());
    }

    /**
     * Sends render requests until the first 429. The bucket refills in real seconds, so a run that crosses a second
     * boundary may earn one more token per second elapsed — never more.
     */
    private EntityExchangeResult<String> exhaust(String token) {
        long start = System.nanoTime();
        int accepted = 0;
        while (true) {
            EntityExchangeResult<String> result = render(token).expectBody(String.class).returnResult();
            if (result.getStatus().value() != 200) {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                assertThat(accepted).isBetween(2, 3 + (int) elapsedSeconds + 1);
                return result;
            }
            accepted++;
            assertThat(accepted).as("accepted before the first 429").isLessThan(20);
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec render(String token) {
        return client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"documentId\":\"d1\"}").exchange();
    }
}
