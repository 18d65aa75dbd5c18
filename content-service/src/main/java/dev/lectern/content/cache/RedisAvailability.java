package dev.lectern.content.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Redis level is usable. After a failure, Redis is skipped for {@code retryAfter} (so an outage costs one
 * timeout, not one per request); then the next operation tries again. The first success after an outage reports a
 * recovery, once, so the caches can drop what may have gone stale while evictions could not reach Redis.
 * Metrics: {@code lectern.content.cache.redis.errors} (counter), {@code lectern.content.cache.redis.available}
 * (gauge 1/0). One log line when Redis goes away and one when it is back.
 */
final class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);

    private final Duration retryAfter;
    private final Clock clock;
    private final Counter errors;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong retryAtMillis = new AtomicLong();

    RedisAvailability(Duration retryAfter, Clock clock, MeterRegistry meters) {
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.errors = Counter.builder("lectern.content.cache.redis.errors")
                .description("Redis cache operations that failed (answered from PostgreSQL instead)").register(meters);
        Gauge.builder("lectern.content.cache.redis.available", this, a -> a.down.get() ? 0 : 1)
                .description("1 while the Redis cache level is in use, 0 while it is skipped after a failure")
                .register(meters);
    }

    /** False while an outage is being waited out. */
    boolean shouldTry() {
        return !down.get() || clock.millis() >= retryAtMillis.get();
    }

    void failed(String operation, RuntimeException e) {
        errors.increment();
        retryAtMillis.set(clock.millis() + retryAfter.toMillis());
        if (down.compareAndSet(false, true)) {
            log.warn("Redis cache unavailable ({} failed: {}); serving from PostgreSQL and retrying every {} s",
                    operation, e.getMessage(), retryAfter.toSeconds());
        }
    }

    /** @return true exactly once per outage: the caller should run the recovery */
    boolean succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("Redis cache is back; dropping entries that may have missed evictions during the outage");
            return true;
        }
        return false;
    }

    boolean isDown() {
        return down.get();
    }
}
