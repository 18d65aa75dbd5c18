package dev.lectern.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

class ShutdownDrainTests {

    @Test
    void stopsBeforeTheWebServerAndOnlyAfterTheDrain() throws Exception {
        ShutdownDrain drain = new ShutdownDrain(Duration.ofMillis(300));
        assertThat(drain.getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
        drain.start();
        assertThat(drain.isRunning()).isTrue();

        CountDownLatch stopped = new CountDownLatch(1);
        long start = System.nanoTime();
        drain.stop(stopped::countDown);

        assertThat(drain.isRunning()).isFalse();
        assertThat(stopped.getCount()).as("the stop completes later, not on the calling thread").isEqualTo(1);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aZeroDrainStopsAtOnce() {
        ShutdownDrain drain = new ShutdownDrain(Duration.ZERO);
        drain.start();
        CountDownLatch stopped = new CountDownLatch(1);
        drain.stop(stopped::countDown);
        assertThat(stopped.getCount()).isZero();
    }
}
