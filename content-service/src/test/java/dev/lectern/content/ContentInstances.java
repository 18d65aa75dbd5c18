package dev.lectern.content;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Whole service instances started by a test (replicas sharing one schema, one Redis and one key prefix). */
public final class ContentInstances {

    private ContentInstances() {
    }

    /** A fresh schema, key prefix, store and issuer, as a map of properties that several instances can share. */
    public static Map<String, Object> sharedProperties() {
        Map<String, Object> properties = new HashMap<>();
        ContentTestSupport.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", "0");
        return properties;
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extraSources) {
        // As command-line arguments: they override application.yml (default properties would not).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ContentServiceApplication.class)
                .sources(extraSources).run(args);
        // Replicas must hear each other's evictions before a test relies on them.
        RedisMessageListenerContainer evictions = context.getBean(RedisMessageListenerContainer.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(evictions::isRunning);
        return context;
    }
}
