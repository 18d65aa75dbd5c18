package dev.lectern.content.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes to the eviction channel in the background and keeps trying until Redis answers, so the service starts
 * (and serves from PostgreSQL) while Redis is down. Until subscribed, evictions from other replicas are missed; the
 * local TTL bounds how long that can leave a stale entry here.
 */
final class EvictionSubscriber implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvictionSubscriber.class);

    private final RedisMessageListenerContainer container;
    private final Duration retry;
    private volatile ScheduledExecutorService subscriber;
    private volatile boolean warned;

    EvictionSubscriber(RedisMessageListenerContainer container, Duration retry) {
        this.container = container;
        this.retry = retry;
    }

    /** Tries to subscribe now and then every {@code retry} until it succeeds; no thread waits in between. */
    @Override
    public void start() {
        ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("cache-eviction-subscriber").factory());
        subscriber = attempts;
        attempts.scheduleWithFixedDelay(() -> subscribeOnce(attempts), 0, retry.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void subscribeOnce(ScheduledExecutorService attempts) {
        if (container.isRunning()) {
            attempts.shutdown();
            return;
        }
        try {
            container.start();
            if (warned) {
                log.info("Subscribed to cache evictions");
            }
            attempts.shutdown();
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn("Cannot subscribe to cache evictions yet ({}); retrying every {} s", e.getMessage(),
                        retry.toSeconds());
                warned = true;
            }
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = subscriber;
        if (running != null) {
            running.shutdownNow();
        }
        subscriber = null;
        if (container.isRunning()) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return subscriber != null;
    }

    /** Subscribed: evictions published by other replicas reach this one. */
    boolean isSubscribed() {
        return container.isRunning();
    }
}
