package dev.lectern.content.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import dev.lectern.content.StatementCounter;
import dev.lectern.testsupport.TestIssuer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * GraphQL at /graphql with the REST API's authentication and ownership; children are batch-loaded, so the statements a
 * page of documents with their flashcards and quizzes costs do not grow with the number of documents. Caches are off
 * here so every read reaches PostgreSQL and the counts are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lectern.content.cache.enabled=false")
@Import(StatementCounter.Registration.class)
class GraphQlApiTests {

    static final String LIST_WITH_CHILDREN = """
            query($size: Int) { documents(size: $size) {
              content { id title flashcards { front back kind } quizzes { id questions { prompt options } } }
              page { totalElements totalPages } } }""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
    }

    @LocalServerPort
    int port;

    RestTestClient client;
    String owner;
    String token;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        owner = "gql-" + UUID.randomUUID();
        token = TestIssuer.shared().token(owner, "AUTHOR");
    }

    @Test
    void fiftyDocumentsWithTheirChildrenCostAFixedNumberOfStatements() {
        upload(50);
        int five = statements(5);
        int fifty = statements(50);
        System.out.printf("GraphQL list-with-children statements: 5 documents -> %d, 50 documents -> %d%n", five, fifty);
        assertThat(fifty).isEqualTo(five).isLessThanOrEqualTo(4);

        // The REST equivalent: the list, then each document's flashcards and quizzes.
        int before = StatementCounter.STATEMENTS.get();
        List<Map<String, Object>> documents = client.get().uri("/api/content/documents?size=50")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody() instanceof Map<?, ?> page
                ? castList(page.get("content")) : List.of();
        for (Map<String, Object> d : documents) {
            for (String child : List.of("/flashcards", "/quizzes")) {
                client.get().uri("/api/content/documents/" + d.get("id") + child)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
            }
        }
        int rest = StatementCounter.STATEMENTS.get() - before;
        System.out.printf("REST equivalent (list + flashcards + quizzes per document) for 50 documents: %d statements%n",
                rest);
        assertThat(rest).isGreaterThan(fifty * 10);
    }

    @Test
    void showsOnlyTheCallersDocumentsWithTheirMaterial() {
        upload(2);
        client.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", LIST_WITH_CHILDREN, "variables", Map.of("size", 10))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.documents.page.totalElements").isEqualTo(2)
                .jsonPath("$.data.documents.content[0].flashcards[0].front").isEqualTo("Transmission Control Protocol (TCP)")
                .jsonPath("$.data.documents.content[0].quizzes[0].questions.length()").value(Integer.class,
                        n -> assertThat(n).isGreaterThan(4));
        String stranger = TestIssuer.shared().token("stranger-" + UUID.randomUUID(), "AUTHOR");
        client.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", LIST_WITH_CHILDREN, "variables", Map.of("size", 10))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.documents.page.totalElements").isEqualTo(0);
        client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", LIST_WITH_CHILDREN)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void refusesTooDeepTooComplexAndTooLargeQueries() {
        upload(1);
        String deep = "{ documents { content { flashcards { source { start } } quizzes { questions { id } } } "
                + "page { number } } }";
        post(deep).jsonPath("$.errors").doesNotExist();
        String tooComplex = "{ " + String.join(" ", java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "d" + i + ": documents { content { id title sha256 flashcards { front back } } }")
                .toList()) + " }";
        post(tooComplex).jsonPath("$.errors[0].message").value(String.class,
                m -> assertThat(m).containsIgnoringCase("complexity"));
        post("{ documents(size: 500) { content { id } } }")
                .jsonPath("$.errors[0].extensions.classification").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(String.class, m -> assertThat(m).contains("size"));
        post("{ document(id: \"not-a-uuid\") { id } }")
                .jsonPath("$.errors[0].extensions.classification").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(String.class, m -> assertThat(m).startsWith("Invalid argument: ").contains("'not-a-uuid'"));
    }

    private RestTestClient.BodyContentSpec post(String query) {
        return client.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("query", query)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private int statements(int size) {
        int before = StatementCounter.STATEMENTS.get();
        client.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", LIST_WITH_CHILDREN, "variables", Map.of("size", size))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.documents.content.length()").isEqualTo(size)
                .jsonPath("$.data.documents.content[" + (size - 1) + "].flashcards[0].front").isEqualTo("Transmission Control Protocol (TCP)");
        return StatementCounter.STATEMENTS.get() - before;
    }

    private void upload(int count) {
        String text = new String(ContentTestSupport.sample("tcp-handshake.txt"), java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "TCP " + i, "text", text))
                    .exchange().expectStatus().isCreated();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
