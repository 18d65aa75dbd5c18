package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.gateway.AbstractGatewayTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** What the edge adds to every answer: CORS for the frontend, security headers, gzip, body limits per route. */
class EdgeTests extends AbstractGatewayTests {

    @Test
    void answersACorsPreflightForTheConfiguredFrontendOnly() {
        client.options().uri("/api/videos").header(HttpHeaders.ORIGIN, "https://app.lectern.test")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.lectern.test");
        client.options().uri("/api/videos").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/forbidden")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("https://evil.example"));
        // A real request (not a preflight) from a foreign origin is refused the same way, before any token check.
        client.get().uri("/api/content/documents/d1").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // The configured frontend's real request carries the CORS answer headers.
        client.get().uri("/api/content/documents/d1").header(HttpHeaders.ORIGIN, "https://app.lectern.test")
                .header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER")).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.lectern.test");
    }

    @Test
    void addsSecurityHeadersAndHstsOnlyBehindTls() {
        String token = bearer(freshUser(), "LEARNER");
        client.get().uri("/api/content/documents/d1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().doesNotExist("Strict-Transport-Security");
        client.get().uri("/api/content/documents/d1").header(HttpHeaders.AUTHORIZATION, token)
                .header("X-Forwarded-Proto", "https").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains|max-age=31536000; includeSubDomains");
    }

    @Test
    void gzipsAProxiedJsonAnswerOverOneKilobyte() throws Exception {
        // The stand-in service answers 4 KB of JSON with a Content-Length and no compression of its own. The JDK
        // client shows the bytes as sent (WebTestClient's Reactor Netty client would inflate them and drop the header).
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/content/documents/big")).header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER"));

        HttpResponse<byte[]> gzipped = http.send(request.copy().header(HttpHeaders.ACCEPT_ENCODING, "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).contains("gzip");
        assertThat(gzipped.body().length).isLessThan(1024);
        assertThat(gunzip(gzipped.body())).startsWith("{\"service\":\"content-service\"").hasSizeGreaterThan(4096);

        HttpResponse<byte[]> plain = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).isEmpty();
        assertThat(plain.body().length).isGreaterThan(4096);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void refusesABodyLargerThanTheRoutesLimit() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(twoMegabytes).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/payload-too-large")
                .jsonPath("$.detail").isEqualTo("The request body is 2097152 bytes; this endpoint accepts at most 1048576 bytes.");
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastTheRoutesLimit() {
        // No Content-Length: 32 chunks of 64 KiB (2 MiB) to a route that accepts 1 MiB.
        Flux<byte[]> chunks = Flux.range(0, 32).map(i -> new byte[64 * 1024]);
        client.post().uri("/api/videos/v1/notes").header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER"))
                .contentType(MediaType.APPLICATION_JSON).body(BodyInserters.fromPublisher(chunks, byte[].class))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/payload-too-large")
                .jsonPath("$.detail").isEqualTo("The request body is larger than the 1048576 bytes this endpoint accepts.")
                .jsonPath("$.instance").isEqualTo("/api/videos/v1/notes");
        // The client's oversized bodies say nothing about video-service: a dozen of them (more than the breaker's
        // minimum of 10 calls, all failing) leave its circuit closed.
        for (int i = 0; i < 12; i++) {
            client.post().uri("/api/videos/v1/notes").header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromPublisher(Flux.range(0, 32).map(n -> new byte[64 * 1024]), byte[].class))
                    .exchange().expectStatus().isEqualTo(413);
        }
        // A chunked body within the limit still goes through.
        client.post().uri("/api/videos/v1/notes").header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromPublisher(Flux.range(0, 4).map(i -> new byte[64 * 1024]), byte[].class))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("video-service");
    }

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        client.get().uri("/nothing/here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/not-found");
    }
}
