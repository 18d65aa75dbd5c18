package dev.lectern.video.job;

import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The video-service on a random port against the real PostgreSQL and RabbitMQ, with the shared test issuer and one
 * storage directory: the test classes that extend it share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class VideoServiceContextTests {

    static final Path STORAGE = tempDir();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "video", true, false, true);
        TestIssuer.shared().register(registry);
        registry.add("lectern.storage.root", () -> STORAGE.toString());
    }

    @LocalServerPort
    int port;

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("video-storage-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
