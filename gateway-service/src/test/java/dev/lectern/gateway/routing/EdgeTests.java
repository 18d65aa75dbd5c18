package dev.lectern.gateway.routing;

import dev.lectern.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

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
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
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
    void answersAnUnknownPathWithANotFoundProblem() {
        client.get().uri("/nothing/here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/not-found");
    }
}
