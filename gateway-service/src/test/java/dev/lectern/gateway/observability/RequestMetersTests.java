package dev.lectern.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.AbstractGatewayTests;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * What a proxied request records: the server timer and the call to the service, tagged with the route — and no
 * per-request long-task timer (each one is a concurrent skip-list insert and removal per observation).
 */
class RequestMetersTests extends AbstractGatewayTests {

    @Autowired
    MeterRegistry meters;

    @Test
    void aProxiedRequestIsTimedWithoutLongTaskTimers() {
        client.get().uri("/api/content/documents/" + UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER")).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.find("http.server.requests").tag("status", "200").timers()).isNotEmpty();
            assertThat(meters.find("http.client.requests").tag("spring.cloud.gateway.route.id", "content-service")
                    .timers()).isNotEmpty();
        });
        assertThat(meters.getMeters()).noneMatch(LongTaskTimer.class::isInstance);
    }
}
