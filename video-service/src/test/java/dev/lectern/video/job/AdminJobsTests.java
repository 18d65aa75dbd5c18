package dev.lectern.video.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.jobs.Job;
import dev.lectern.common.jobs.JobStore;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.util.List;
import java.util.UUID;
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

/** The operators' list of every user's jobs: ADMIN only, filterable by state, on the real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminJobsTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "video", true, false, true);
        TestIssuer.shared().register(registry);
        registry.add("lectern.storage.root", () -> VideoJobFlowTests.STORAGE.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JobStore store;

    @Autowired
    JdbcTemplate jdbc;

    RestTestClient client;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void anAdministratorSeesEveryUsersJobsAndCanFilterByState() {
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        Job queued = store.insertQueued(UUID.randomUUID(), ann, null, "{}");
        Job failed = store.insertQueued(UUID.randomUUID(), bob, null, "{}");
        jdbc.update("update job set state = 'FAILED', error_type = 'render-failed', error_detail = 'x' where id = ?",
                failed.id());
        String admin = "Bearer " + TestIssuer.shared().token("adam", "ADMIN");

        List<String> owners = client.get().uri("/api/videos/admin/jobs?size=100").header(HttpHeaders.AUTHORIZATION, admin)
                .exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody().content().stream()
                .map(AdminJob::ownerId).toList();
        assertThat(owners).contains(ann, bob);

        Page failures = client.get().uri("/api/videos/admin/jobs?state=FAILED&size=100")
                .header(HttpHeaders.AUTHORIZATION, admin).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
        assertThat(failures.content()).allSatisfy(job -> assertThat(job.job().state()).isEqualTo("FAILED"));
        assertThat(failures.content()).extracting(job -> job.job().id())
                .contains(failed.id().toString()).doesNotContain(queued.id().toString());
    }

    @Test
    void nobodyElseSeesThem() {
        client.get().uri("/api/videos/admin/jobs").header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestIssuer.shared().token("lena", "LEARNER", "AUTHOR"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/forbidden");
    }

    @Test
    void anUnknownStateIsABadRequest() {
        client.get().uri("/api/videos/admin/jobs?state=EXPLODED")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().token("adam", "ADMIN"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("state"));
    }

    record Page(List<AdminJob> content) {
    }

    record AdminJob(String ownerId, JobView job) {
    }

    record JobView(String id, String state) {
    }
}
