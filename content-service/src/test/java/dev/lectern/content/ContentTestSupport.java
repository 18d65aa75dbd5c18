package dev.lectern.content;

import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Per test context: its own PostgreSQL schema, its own Redis key prefix (and eviction channel), a temporary
 * filesystem store, and the real test issuer.
 */
public final class ContentTestSupport {

    private ContentTestSupport() {
    }

    public static String register(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "content", true, true, false);
        TestIssuer.shared().register(registry);
        String prefix = "lectern-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        registry.add("lectern.content.cache.key-prefix", () -> prefix);
        try {
            Path root = Files.createTempDirectory("content-storage");
            registry.add("lectern.storage.type", () -> "filesystem");
            registry.add("lectern.storage.root", root::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prefix;
    }

    public static byte[] sample(String name) {
        try (InputStream in = ContentTestSupport.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
