package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import dev.lectern.testsupport.TestIssuer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The document API on the real PostgreSQL and Redis, with real tokens from a JWKS-publishing test issuer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentApiTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RestTestClient client;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void storesATextDocumentForItsOwnerAndReadsItBack() {
        String alice = TestIssuer.shared().token("alice", "AUTHOR");
        var created = client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "TCP", "text", "Flow control is the mechanism that stops a fast sender."))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/content/documents/[0-9a-f-]{36}")
                .expectBody(DocumentResponse.class).returnResult().getResponseBody();

        assertThat(created.sha256()).hasSize(64);
        client.get().uri("/api/content/documents/" + created.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + alice).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("TCP")
                .jsonPath("$.sections[0].text").isEqualTo("Flow control is the mechanism that stops a fast sender.");
        assertThat(jdbc.queryForObject("select owner_id from document where id = ?", String.class, created.id()))
                .isEqualTo("alice");
    }

    @Test
    void anotherUsersDocumentIsNotFound() {
        String alice = TestIssuer.shared().token("alice", "AUTHOR");
        String bob = TestIssuer.shared().token("bob", "AUTHOR");
        var created = client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "Mine", "text", "Private notes."))
                .exchange().expectStatus().isCreated()
                .expectBody(DocumentResponse.class).returnResult().getResponseBody();

        client.get().uri("/api/content/documents/" + created.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + bob)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/not-found");
        client.delete().uri("/api/content/documents/" + created.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bob).exchange().expectStatus().isNotFound();
    }

    @Test
    void listsOnlyTheCallersDocumentsWithPageMetadata() {
        String carol = TestIssuer.shared().token("carol-" + System.nanoTime(), "AUTHOR");
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + carol)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "Doc " + i, "text", "Text " + i))
                    .exchange().expectStatus().isCreated();
        }
        client.get().uri("/api/content/documents?page=0&size=2&sort=title,asc")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + carol).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.content[0].title").isEqualTo("Doc 0")
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.totalPages").isEqualTo(2);
        client.get().uri("/api/content/documents?size=101").header(HttpHeaders.AUTHORIZATION, "Bearer " + carol)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void badInputIsAProblemNotAStackTrace() {
        String alice = TestIssuer.shared().token("alice", "AUTHOR");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\": ")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/bad-request")
                .jsonPath("$.trace").doesNotExist();
        // A field of the wrong shape is named.
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"text\": [\"a\"]}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.detail").isEqualTo("The request body could not be read: text has the wrong type or shape.");
        // NUL cannot be stored by PostgreSQL: refused before any write, not a database error.
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"a\\u0000b\", \"text\": \"x\\u0000y\"}")
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.errors[1].field").isEqualTo("title")
                .jsonPath("$.errors[1].message").isEqualTo("must not contain control characters");
        client.get().uri("/api/content/documents?title={t}", "a\u0000b").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
        // Content-Type set by hand without its boundary: the body cannot be split into parts.
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data").body("--x\r\nContent-Disposition: form-data")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/bad-request")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("multipart/form-data", "boundary")
                        .doesNotContain("rejected")); // the parser's own words ("the request was rejected …") are logged
        client.get().uri("/api/content/documents?page=107374183").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.TEXT_PLAIN).body("hello")
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/unsupported-media-type");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", " ", "text", "x"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
        client.get().uri("/api/content/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesMissingExpiredAndForeignTokens() {
        client.get().uri("/api/content/documents").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String expired = TestIssuer.shared().token(c -> c.subject("alice").claim("roles", java.util.List.of("AUTHOR"))
                .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(120))));
        client.get().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
                .exchange().expectStatus().isUnauthorized();
        String wrongAudience = TestIssuer.shared().token(c -> c.subject("alice").audience("someone-else")
                .claim("roles", java.util.List.of("AUTHOR")));
        client.get().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + wrongAudience)
                .exchange().expectStatus().isUnauthorized();
    }
}
