package dev.lectern.content.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.testsupport.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Flashcards, quizzes, attempts and the study pack through the REST API, on the real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudyApiTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RestTestClient client;
    String owner;
    String token;
    DocumentResponse document;

    @BeforeEach
    void upload() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        owner = "learner-" + UUID.randomUUID();
        token = TestIssuer.shared().token(owner, "AUTHOR");
        document = client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "TCP", "text",
                        new String(ContentTestSupport.sample("tcp-handshake.txt"), java.nio.charset.StandardCharsets.UTF_8)))
                .exchange().expectStatus().isCreated()
                .expectBody(DocumentResponse.class).returnResult().getResponseBody();
    }

    @Test
    void listsTheDocumentsFlashcardsPageByPage() {
        client.get().uri("/api/content/documents/" + document.id() + "/flashcards?page=0&size=3")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(3)
                .jsonPath("$.content[0].kind").isEqualTo("DEFINITION")
                .jsonPath("$.content[0].front").isEqualTo("Transmission Control Protocol (TCP)")
                .jsonPath("$.content[0].source.start").isNumber()
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.size").isEqualTo(3)
                .jsonPath("$.page.totalElements").value(Integer.class, n -> assertThat(n).isGreaterThan(8))
                .jsonPath("$.page.totalPages").value(Integer.class, n -> assertThat(n).isGreaterThan(2));
        client.get().uri("/api/content/documents/" + document.id() + "/flashcards?size=500")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void theQuizHidesItsAnswersUntilAnAttemptIsScored() {
        var quizzes = client.get().uri("/api/content/documents/" + document.id() + "/quizzes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> quiz = ((List<Map<String, Object>>) quizzes.get("content")).getFirst();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> questions = (List<Map<String, Object>>) quiz.get("questions");
        assertThat(questions).hasSizeGreaterThan(6)
                .allSatisfy(q -> assertThat(q).containsKeys("id", "kind", "prompt", "options")
                        .doesNotContainKey("answerIndex"));

        // Answer every question with option 0: the score is the number of questions whose answer is option 0.
        List<Map<String, Object>> answers = new ArrayList<>();
        questions.forEach(q -> answers.add(Map.of("questionId", q.get("id"), "answerIndex", 0)));
        UUID quizId = UUID.fromString((String) quiz.get("id"));
        var attempt = client.post().uri("/api/content/quizzes/" + quizId + "/attempts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("answers", answers)).exchange()
                .expectStatus().isCreated()
                .expectBody(AttemptResponse.class).returnResult().getResponseBody();

        long expected = attempt.feedback().stream().filter(f -> f.correctIndex() == 0).count();
        assertThat(attempt.total()).isEqualTo(questions.size());
        assertThat(attempt.score()).isEqualTo(expected).isPositive().isLessThan(questions.size());
        assertThat(attempt.feedback()).allSatisfy(f -> assertThat(f.correct()).isEqualTo(f.correctIndex() == 0));
        assertThat(jdbc.queryForObject("select score from quiz_attempt where id = ? and user_id = ?", Integer.class,
                attempt.id(), owner)).isEqualTo(attempt.score());
    }

    @Test
    void answersThatDoNotFitTheQuizAreAProblem() {
        UUID quizId = jdbc.queryForObject("select id from quiz where document_id = ?", UUID.class, document.id());
        UUID questionId = jdbc.queryForObject("select id from quiz_question where quiz_id = ? and position = 0",
                UUID.class, quizId);
        client.post().uri("/api/content/quizzes/" + quizId + "/attempts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("answers", List.of(Map.of("questionId", questionId, "answerIndex", 7),
                        Map.of("questionId", UUID.randomUUID(), "answerIndex", 0))))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("answers[0].answerIndex")
                .jsonPath("$.errors[1].field").isEqualTo("answers[1].questionId");
        client.post().uri("/api/content/quizzes/" + quizId + "/attempts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("answers", List.of())).exchange().expectStatus().isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from quiz_attempt where quiz_id = ?", Long.class, quizId))
                .isZero();
    }

    @Test
    void anotherUserSeesNoneOfIt() {
        String mallory = TestIssuer.shared().token("mallory-" + UUID.randomUUID(), "AUTHOR");
        UUID quizId = jdbc.queryForObject("select id from quiz where document_id = ?", UUID.class, document.id());
        for (String path : List.of("/flashcards", "/quizzes", "/study-pack")) {
            client.get().uri("/api/content/documents/" + document.id() + path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + mallory).exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/not-found");
        }
        client.post().uri("/api/content/quizzes/" + quizId + "/attempts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + mallory).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("answers", List.of(Map.of("questionId", UUID.randomUUID(), "answerIndex", 0))))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void theStudyPackIsDeterministicAndCarriesTheAnswers() {
        String first = studyPack(document.id());
        var pack = client.get().uri("/api/content/documents/" + document.id() + "/study-pack")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(StudyPackResponse.class).returnResult().getResponseBody();
        assertThat(pack.documentId()).isEqualTo(document.id());
        assertThat(pack.title()).isEqualTo("TCP");
        assertThat(pack.keyPoints()).contains(
                "Flow control is the mechanism that stops a fast sender from overwhelming a slow receiver.");
        assertThat(pack.flashcards()).contains(new StudyPackResponse.Card("flow control",
                "the mechanism that stops a fast sender from overwhelming a slow receiver"));
        assertThat(pack.quiz()).isNotEmpty().allSatisfy(q ->
                assertThat(q.answerIndex()).isBetween(0, q.options().size() - 1));

        // The same text uploaded again gives the same pack (apart from the document id).
        DocumentResponse again = client.post().uri("/api/content/documents")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "TCP", "text",
                        new String(ContentTestSupport.sample("tcp-handshake.txt"), java.nio.charset.StandardCharsets.UTF_8)))
                .exchange().expectStatus().isCreated()
                .expectBody(DocumentResponse.class).returnResult().getResponseBody();
        assertThat(studyPack(again.id()).replace(again.id().toString(), document.id().toString())).isEqualTo(first);
    }

    @Test
    void anUnchangedResponseIsNotSentTwiceAndLargeJsonIsCompressed() throws Exception {
        String etag = client.get().uri("/api/content/documents/" + document.id() + "/flashcards")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        client.get().uri("/api/content/documents/" + document.id() + "/flashcards")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();

        // Spring's JDK client decompresses transparently, so the raw JDK client shows what travels on the wire.
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> large = http.send(rawGet("/api/content/documents/" + document.id() + "/flashcards"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(large.headers().firstValue("content-encoding")).hasValue("gzip");
            String json = new String(new GZIPInputStream(new ByteArrayInputStream(large.body())).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(json).startsWith("{\"content\":[").hasSizeGreaterThan(1024);
            assertThat(large.body().length).isLessThan(json.length() / 2);

            HttpResponse<byte[]> small = http.send(rawGet("/api/content/documents?title=no-such-title"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(small.headers().firstValue("content-encoding")).isEmpty();
            assertThat(new String(small.body(), StandardCharsets.UTF_8)).startsWith("{\"content\":[]");
        }
    }

    private HttpRequest rawGet(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .build();
    }

    @Test
    void deletingTheDocumentDeletesItsMaterial() {
        client.get().uri("/api/content/documents/" + document.id() + "/flashcards")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        client.delete().uri("/api/content/documents/" + document.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isNoContent();
        client.get().uri("/api/content/documents/" + document.id() + "/flashcards")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isNotFound();
        assertThat(jdbc.queryForObject("select count(*) from flashcard where document_id = ?", Long.class,
                document.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from quiz where document_id = ?", Long.class,
                document.id())).isZero();
    }

    private String studyPack(UUID id) {
        return client.get().uri("/api/content/documents/" + id + "/study-pack")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
