package dev.lectern.gateway;

import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import dev.lectern.testsupport.ThreadDumpOnTimeout;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway context shared by the tests that extend this class: the real gateway on a random port, the real shared
 * Redis (every test uses fresh user ids, so rate-limit buckets never collide), real tokens from {@link TestIssuer},
 * and three real downstream servers on loopback. A test whose client times out prints every thread (the gateway runs in
 * this JVM).
 */
@ExtendWith(ThreadDumpOnTimeout.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractGatewayTests {

    protected static final Backend CONTENT = Backend.start("content-service");
    protected static final Backend VIDEO = Backend.start("video-service");
    protected static final Backend AVATAR = Backend.start("avatar-service");

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "gateway", false, true, false);
        TestIssuer.shared().register(registry);
        registry.add("LECTERN_CONTENT_URI", CONTENT::uri);
        registry.add("LECTERN_VIDEO_URI", VIDEO::uri);
        registry.add("LECTERN_AVATAR_URI", AVATAR::uri);
        registry.add("lectern.gateway.rate-limit.reads.replenish-rate", () -> "1000");
        registry.add("lectern.gateway.rate-limit.reads.burst-capacity", () -> "2000");
        registry.add("lectern.gateway.rate-limit.renders.replenish-rate", () -> "1");
        registry.add("lectern.gateway.rate-limit.renders.burst-capacity", () -> "3");
        registry.add("lectern.gateway.rate-limit.renders.requested-tokens", () -> "1");
        registry.add("lectern.gateway.routes.video.response-timeout", () -> "1s");
        registry.add("lectern.gateway.cors.allowed-origins", () -> "https://app.lectern.test");
        registry.add("lectern.gateway.issuer-keys.min-refetch-interval", () -> "1s");
    }

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @BeforeEach
    void gatewayClient() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** A user nobody else uses: its own rate-limit buckets. */
    protected static String freshUser() {
        return "user-" + UUID.randomUUID();
    }

    protected static String bearer(String user, String... roles) {
        return "Bearer " + TestIssuer.shared().token(user, roles);
    }
}
