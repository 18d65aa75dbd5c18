package dev.lectern.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, keeps serving for a while before the web server's graceful shutdown begins. Readiness already answers
 * 503 by then (Spring Boot turns it to REFUSING_TRAFFIC when the context starts closing), so a load balancer that
 * checks readiness — the gateway every second, a Kubernetes Service through the readiness probe — stops sending
 * requests before the connector is paused. Without the drain, a request that reached Tomcat just as it paused was
 * answered 400 instead of 503 (Tomcat reads the request line, sees the pause, and then fails the Host check on the
 * headers it skipped), which no client may retry.
 */
public class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    public ShutdownDrain(Duration drain) {
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    /** Completes after the drain period, without holding a thread; the web server's shutdown phase comes next. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        if (drain.isZero() || drain.isNegative()) {
            callback.run();
            return;
        }
        log.info("Readiness is down; serving {} ms more before the web server shuts down", drain.toMillis());
        CompletableFuture.delayedExecutor(drain.toMillis(), TimeUnit.MILLISECONDS).execute(callback);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (higher phases stop first). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
