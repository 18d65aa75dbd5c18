package dev.lectern.content.cache;

import java.time.Duration;
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
    private volatile Thread subscriber;

    EvictionSubscriber(RedisMessageListenerContainer container, Duration retry) {
        this.container = container;
        this.retry = retry;
    }

    @Override
    public void start() {
        subscriber = Thread.ofVirtual().name("cache-eviction-subscriber").start(() -> {
            boolean warned = false;
            while (!Thread.currentThread().isInterrupted() && !container.isRunning()) {
                try {
                    container.start();
                    if (warned) {
                        log.info("Subscribed to cache evictions");
                    }
                } catch (RuntimeException e) {
                    if (!warned) {
                        log.warn("Cannot subscribe to cache evictions yet ({}); retrying every {} s", e.getMessage(),
                                retry.toSeconds());
                        warned = true;
                    }
                    try {
                        Thread.sleep(retry);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread running = subscriber;
        if (running != null) {
            running.interrupt();
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
