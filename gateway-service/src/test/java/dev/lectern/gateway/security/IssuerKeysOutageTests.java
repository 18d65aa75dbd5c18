package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.PlainJWT;
import dev.lectern.gateway.Backend;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.SilentServer;
import dev.lectern.testsupport.TestIssuer;
import dev.lectern.testsupport.ThreadDumpOnTimeout;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The issuer's key set does not come: its server accepts the connection and never answers (a hung Keycloak). A token
 * that needs the keys gets a prompt 503 problem — the client keeps its token and retries — instead of a request that
 * never ends; tokens refused without the keys are still 401; nothing reaches the service.
 */
@ExtendWith(ThreadDumpOnTimeout.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IssuerKeysOutageTests {

    private static final Backend CONTENT = Backend.start("content-service");
    private static final SilentServer SILENT_ISSUER = new SilentServer();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "gateway", false, true, false);
        registry.add("lectern.security.jwt.issuer", () -> TestIssuer.ISSUER);
        registry.add("lectern.security.jwt.audience", () -> TestIssuer.AUDIENCE);
        registry.add("lectern.security.jwt.jwk-set-uri", () -> "http://127.0.0.1:" + SILENT_ISSUER.port() + "/jwks");
        registry.add("LECTERN_CONTENT_URI", CONTENT::uri);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        SILENT_ISSUER.close();
        CONTENT.stop();
    }

    @Test
    void answers503PromptlyWhenTheIssuersKeysDoNotCome() {
        String path = "/api/content/documents/" + UUID.randomUUID();
        long started = System.nanoTime();
        client().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().token("alice", "LEARNER"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("signing keys").doesNotContain("127.0.0.1"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(SILENT_ISSUER.connections()).as("the gateway did ask the issuer").isPositive();
        assertThat(CONTENT.received()).isEmpty();
    }

    @Test
    void stillRefusesATokenThatNeedsNoKeysWith401() {
        String unsigned = new PlainJWT(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("mallory")
                .issuer(TestIssuer.ISSUER).audience(TestIssuer.AUDIENCE).claim("roles", List.of("ADMIN")).build())
                .serialize();
        client().get().uri("/api/content/documents/" + UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + unsigned).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(CONTENT.received()).isEmpty();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(15))
                .build();
    }
}
