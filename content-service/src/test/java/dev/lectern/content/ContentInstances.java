package dev.lectern.content;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments: they override application.yml (default properties would not).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ContentServiceApplication.class).run(args);
    }
}
