package dev.lectern.video.job;

import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.util.ArrayList;
import java.util.List;
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

/** Every unrenderable request is refused up front with a 422 naming the scene and the field, and nothing is stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoryboardValidationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "video", true, false, true);
        TestIssuer.shared().register(registry);
        registry.add("lectern.storage.root", () -> System.getProperty("java.io.tmpdir") + "/video-validation");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RestTestClient client;
    final String token = TestIssuer.shared().token("validator", "LEARNER");

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void unknownSceneType() {
        refused(storyboard(List.of(scene("title", "title", "Hi"), Map.of("type", "karaoke", "durationSeconds", 2))),
                "storyboard.scenes[1].type");
    }

    @Test
    void aSceneTypeThatIsNotAString() {
        refused(storyboard(List.of(Map.of("type", Map.of(), "durationSeconds", 2))), "storyboard.scenes[0].type");
        refused(storyboard(List.of(Map.of("type", List.of("title"), "durationSeconds", 2))), "storyboard.scenes[0].type");
    }

    @Test
    void emptyText() {
        refused(storyboard(List.of(Map.of("type", "flashcard", "question", "Q?", "answer", " ", "durationSeconds", 3))),
                "storyboard.scenes[0].answer");
    }

    @Test
    void aSceneLongerThanTheLimit() {
        refused(storyboard(List.of(Map.of("type", "title", "title", "Long", "durationSeconds", 61))),
                "storyboard.scenes[0].durationSeconds");
    }

    @Test
    void tooManyScenes() {
        List<Map<String, Object>> scenes = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            scenes.add(scene("title", "title", "Scene " + i));
        }
        refused(storyboard(scenes), "storyboard.scenes");
    }

    @Test
    void unsupportedResolutionAndFrameRate() {
        Map<String, Object> request = new java.util.HashMap<>(storyboard(List.of(scene("title", "title", "Hi"))));
        request.put("options", Map.of("resolution", "1000x1000", "fps", 60));
        refused(request, "options.resolution");
        refused(request, "options.fps");
    }

    @Test
    void aQuizAnswerOutsideItsOptions() {
        refused(storyboard(List.of(Map.of("type", "quiz", "question", "Q?", "options", List.of("a", "b"),
                "answerIndex", 2, "durationSeconds", 3))), "storyboard.scenes[0].answerIndex");
    }

    @Test
    void neitherDocumentNorStoryboard() {
        refused(Map.of("options", Map.of("fps", 30)), "documentId");
    }

    private void refused(Map<String, Object> body, String field) {
        long before = jobs();
        client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')].message").exists();
        org.assertj.core.api.Assertions.assertThat(jobs()).as("nothing stored").isEqualTo(before);
    }

    private long jobs() {
        return jdbc.queryForObject("select count(*) from job", Long.class)
                + jdbc.queryForObject("select count(*) from outbox", Long.class);
    }

    private static Map<String, Object> storyboard(List<Map<String, Object>> scenes) {
        return Map.of("storyboard", Map.of("title", "Validation", "scenes", scenes));
    }

    private static Map<String, Object> scene(String type, String field, String text) {
        return Map.of("type", type, field, text, "durationSeconds", 2);
    }
}
