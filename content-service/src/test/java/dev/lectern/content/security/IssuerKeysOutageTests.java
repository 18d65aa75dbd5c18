package dev.lectern.content.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import dev.lectern.testsupport.SilentServer;
import dev.lectern.testsupport.TestIssuer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A service whose token issuer hangs (accepts the connection, never answers): a token that needs the issuer's keys
 * gets a prompt 503 problem with {@code Retry-After} — not a 401 that would make a client drop a good token, not a
 * 500, not a request that waits for ever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IssuerKeysOutageTests {

    private static final SilentServer SILENT_ISSUER = new SilentServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
        registry.add("lectern.security.jwt.jwk-set-uri", () -> "http://127.0.0.1:" + SILENT_ISSUER.port() + "/jwks");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        SILENT_ISSUER.close();
    }

    @Test
    void answers503PromptlyWhenTheIssuersKeysDoNotCome() {
        // The JDK client: Apache's, the default, honours Retry-After and would retry by itself five seconds later.
        RestTestClient client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port).build();
        long started = System.nanoTime();
        client.get().uri("/api/content/documents")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().token("alice", "LEARNER"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("signing keys").doesNotContain("127.0.0.1"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(SILENT_ISSUER.connections()).isPositive();
    }
}
