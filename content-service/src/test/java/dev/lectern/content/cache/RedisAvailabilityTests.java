package dev.lectern.content.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testsupport.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The outage bookkeeping, without Spring or Redis: a clock the test moves. */
class RedisAvailabilityTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisAvailability redis = new RedisAvailability(Duration.ofSeconds(5), clock, meters);

    @Test
    void skipsRedisForTheRetryPeriodAfterAFailureThenTriesAgain() {
        assertThat(redis.shouldTry()).isTrue();
        redis.failed("get documents", new IllegalStateException("connection refused"));

        assertThat(redis.shouldTry()).isFalse();
        assertThat(meters.get("lectern.content.cache.redis.available").gauge().value()).isZero();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(redis.shouldTry()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(redis.shouldTry()).isTrue();
    }

    @Test
    void reportsTheRecoveryOncePerOutageAndCountsEveryFailure() {
        assertThat(redis.succeeded()).isFalse();
        redis.failed("get", new IllegalStateException("down"));
        redis.failed("put", new IllegalStateException("down"));

        assertThat(meters.get("lectern.content.cache.redis.errors").counter().count()).isEqualTo(2);
        assertThat(redis.succeeded()).isTrue();
        assertThat(redis.succeeded()).isFalse();
        assertThat(redis.isDown()).isFalse();
        assertThat(meters.get("lectern.content.cache.redis.available").gauge().value()).isEqualTo(1);
    }
}
