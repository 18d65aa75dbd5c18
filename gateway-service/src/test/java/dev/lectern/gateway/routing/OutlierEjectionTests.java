package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

class OutlierEjectionTests {

    private final ServiceInstance a = new DefaultServiceInstance("a", "video-service", "10.0.0.1", 8082, false);
    private final ServiceInstance b = new DefaultServiceInstance("b", "video-service", "10.0.0.2", 8082, false);

    @Test
    void leavesAFailedInstanceOutUntilTheEjectionEnds() {
        MutableClock clock = new MutableClock();
        OutlierEjection ejection = new OutlierEjection(Duration.ofSeconds(10), clock);
        ejection.failed(a);
        assertThat(ejection.available(List.of(a, b))).containsExactly(b);
        clock.now = clock.now.plusSeconds(10);
        assertThat(ejection.available(List.of(a, b))).containsExactly(a, b);
    }

    @Test
    void offersEveryInstanceWhenAllAreEjected() {
        OutlierEjection ejection = new OutlierEjection(Duration.ofSeconds(10), new MutableClock());
        ejection.failed(a);
        ejection.failed(b);
        assertThat(ejection.available(List.of(a, b))).containsExactly(a, b);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
