package dev.lectern.gateway.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dev token issuer exists under the {@code dev} profile and nowhere else. With it, the gateway validates its own
 * tokens through its JWKS endpoint (the same path as a production issuer) and routes authenticated requests.
 */
class DevIssuerProfileTests {

    /** Ports chosen up front: the gateway's JWKS URI must name its own port before it starts. */
    static final int DEV_PORT = freePort();
    static final int DEAD_PORT = freePort();

    static void common(DynamicPropertyRegistry registry, int port) {
        TestInfrastructure.register(registry, "gateway", false, true, false);
        registry.add("server.port", () -> port);
        registry.add("lectern.security.jwt.issuer", () -> "http://localhost:" + port + "/auth/dev");
        registry.add("lectern.security.jwt.jwk-set-uri", () -> "http://127.0.0.1:" + port + "/auth/jwks");
        // Nothing listens here: routed requests meet a refused connection.
        registry.add("LECTERN_CONTENT_URI", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("LECTERN_VIDEO_URI", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("LECTERN_AVATAR_URI", () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
    @ActiveProfiles("dev")
    class WithTheDevProfile {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry, DEV_PORT);
        }

        final WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + DEV_PORT).build();

        @Test
        void mintsATokenTheGatewayAcceptsAndRoutes() {
            Map<String, Object> token = client.post().uri("/auth/dev-token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "alice", "roles", java.util.List.of("AUTHOR"))).exchange()
                    .expectStatus().isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                    }).returnResult().getResponseBody();
            assertThat(token).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);

            client.get().uri("/auth/jwks").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.keys[0].kty").isEqualTo("RSA").jsonPath("$.keys[0].d").doesNotExist();
            // Authenticated, routed, and the unreachable service answers as a 503 problem naming it.
            client.get().uri("/api/content/documents")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get("access_token")).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("content-service"));
        }

        @Test
        void refusesUnknownRolesAndMalformedRequests() {
            client.post().uri("/auth/dev-token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "alice", "roles", java.util.List.of("ROOT"))).exchange()
                    .expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.post().uri("/auth/dev-token").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":")
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void withoutATokenTheApiIsA401ProblemAndUnknownPathsA404Problem() {
            client.get().uri("/api/videos").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/unauthorized");
            client.get().uri("/no/such/route").exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/not-found");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutTheDevProfile {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry, 0);
        }

        @Autowired
        ApplicationContext context;

        @org.springframework.boot.test.web.server.LocalServerPort
        int port;

        @Test
        void hasNoTokenEndpointAndNoIssuerKey() {
            assertThat(context.getBeanNamesForType(DevTokenIssuer.class)).isEmpty();
            WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
            client.post().uri("/auth/dev-token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "mallory", "roles", java.util.List.of("ADMIN"))).exchange()
                    .expectStatus().isNotFound();
            client.get().uri("/auth/jwks").exchange().expectStatus().isNotFound();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
