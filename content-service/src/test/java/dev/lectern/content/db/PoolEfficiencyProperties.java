package dev.lectern.content.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lectern.content.ContentInstances;
import dev.lectern.testsupport.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pool efficiency on the real PostgreSQL: a pool of 4 connections, caches off (every request reaches the database),
 * and more concurrent HTTP requests than connections. No request fails, the pool's active connections (sampled
 * continuously from HikariCP) never exceed its maximum, and afterwards the HikariCP metrics show no connection still
 * active and no thread still waiting.
 */
class PoolEfficiencyProperties {

    static final int POOL = 4;
    static ConfigurableApplicationContext app;
    static String token;
    static List<String> paths = new ArrayList<>();

    @BeforeContainer
    static void start() throws Exception {
        Map<String, Object> properties = ContentInstances.sharedProperties();
        properties.put("spring.datasource.hikari.maximum-pool-size", String.valueOf(POOL));
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("lectern.content.cache.enabled", "false");
        app = ContentInstances.start(properties);
        String owner = "pool-" + UUID.randomUUID();
        token = TestIssuer.shared().token(owner, "AUTHOR");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/api/content/documents"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Pool " + i + "\",\"text\":\"A port is a "
                                + "16-bit number that identifies a program on a host.\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);
                String id = created.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
                paths.add("/api/content/documents/" + id);
                paths.add("/api/content/documents/" + id + "/flashcards");
                paths.add("/api/content/documents/" + id + "/quizzes");
            }
        }
        paths.add("/api/content/documents?size=10");
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 12)
    void moreConcurrentRequestsThanConnectionsNeverFailNorExceedNorLeak(
            @ForAll @IntRange(min = POOL + 1, max = 48) int concurrency, @ForAll @IntRange(min = 0, max = 9) int mix)
            throws Exception {
        HikariPoolMXBean pool = app.getBean(HikariDataSource.class).getHikariPoolMXBean();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                maxActive.accumulateAndGet(pool.getActiveConnections(), Math::max);
                Thread.onSpinWait();
            }
        });
        List<Integer> statuses;
        try (HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                String path = paths.get((i + mix) % paths.size());
                calls.add(callers.submit(() -> http.send(HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(statuses).hasSize(concurrency).containsOnly(200);
        assertThat(maxActive.get()).isLessThanOrEqualTo(POOL).isPositive();
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(pool.getActiveConnections()).isZero();
            assertThat(meters.get("hikaricp.connections.active").gauge().value()).isZero();
            assertThat(meters.get("hikaricp.connections.pending").gauge().value()).isZero();
            assertThat(meters.get("hikaricp.connections.max").gauge().value()).isEqualTo(POOL);
        });
    }

    static URI uri(String path) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return URI.create("http://localhost:" + port + path);
    }
}
