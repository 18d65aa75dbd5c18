package dev.lectern.content.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.content.ContentInstances;
import dev.lectern.content.document.CreateDocumentRequest;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.content.document.DocumentService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis goes away under a running instance (our own redis-server on port 6393, never the shared one): reads are still
 * answered from PostgreSQL, a metric counts the failures, and when Redis is back the cache is used again, without
 * serving anything that went stale while evictions could not reach it.
 */
class RedisOutageTests {

    static final int PORT = 6393;

    ConfigurableApplicationContext app;

    @BeforeEach
    void start() throws Exception {
        startRedis();
        Map<String, Object> properties = ContentInstances.sharedProperties();
        properties.put("REDIS_HOST", "127.0.0.1");
        properties.put("REDIS_PORT", String.valueOf(PORT));
        properties.put("lectern.content.cache.local.ttl", "200ms");
        properties.put("lectern.content.cache.redis-retry", "500ms");
        app = ContentInstances.start(properties);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stopRedis();
    }

    @Test
    void readsSurviveARedisOutageAndTheCacheComesBackByItself() throws Exception {
        DocumentService documents = app.getBean(DocumentService.class);
        StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        String prefix = app.getEnvironment().getProperty("lectern.content.cache.key-prefix");
        String owner = "outage-" + UUID.randomUUID();
        DocumentResponse kept = documents.createText(owner, new CreateDocumentRequest("Kept", "Kept text."));
        DocumentResponse doomed = documents.createText(owner, new CreateDocumentRequest("Doomed", "Doomed text."));
        assertThat(list(documents, owner)).hasSize(2);
        assertThat(redis.keys(prefix + "document-lists::*")).isNotEmpty();

        stopRedis();
        // Deleted while Redis is down: the Redis entry of the list cannot be evicted now.
        documents.delete(owner, doomed.id());
        for (int i = 0; i < 20; i++) {
            assertThat(list(documents, owner)).extracting(DocumentResponse::id).containsExactly(kept.id());
            assertThat(documents.get(owner, kept.id())).isEqualTo(kept);
        }
        assertThat(meters.get("lectern.content.cache.redis.errors").counter().count()).isPositive();
        assertThat(meters.get("lectern.content.cache.redis.available").gauge().value()).isZero();

        startRedis();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(list(documents, owner)).extracting(DocumentResponse::id).containsExactly(kept.id());
            assertThat(meters.get("lectern.content.cache.redis.available").gauge().value()).isEqualTo(1.0);
            assertThat(redis.keys(prefix + "document-lists::*")).isNotEmpty();
        });
        // The stale list entry written before the outage was dropped on recovery; what Redis holds now is current.
        assertThat(list(documents, owner)).extracting(DocumentResponse::id).containsExactly(kept.id());
    }

    private static java.util.List<DocumentResponse> list(DocumentService documents, String owner) {
        return documents.list(owner, null, PageRequest.of(0, 20,
                org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC,
                        "createdAt"))).content();
    }

    static void startRedis() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(PORT), "--save", "", "--appendonly",
                "no", "--daemonize", "yes").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> ping());
    }

    static void stopRedis() throws IOException, InterruptedException {
        if (ping()) {
            new ProcessBuilder("redis-cli", "-p", String.valueOf(PORT), "shutdown", "nosave").start().waitFor();
            await().atMost(Duration.ofSeconds(5)).until(() -> !ping());
        }
    }

    private static boolean ping() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-p", String.valueOf(PORT), "ping").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return "PONG".equals(out);
    }
}
