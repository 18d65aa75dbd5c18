package dev.lectern.video.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.testsupport.TcpProxy;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * RabbitMQ is down when the job is accepted: the request still answers 202 (the job and its outbox row are in
 * PostgreSQL), and the work is published as soon as the broker is back. The outage is a cut TCP proxy between the
 * service and the real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageTests {

    static final TcpProxy broker = proxy();

    static TcpProxy proxy() {
        try {
            TestInfrastructure.Endpoint rabbit = TestInfrastructure.rabbit();
            return new TcpProxy(rabbit.host(), rabbit.port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "video", true, false, true);
        TestIssuer.shared().register(registry);
        registry.add("RABBITMQ_HOST", () -> "127.0.0.1");
        registry.add("RABBITMQ_PORT", () -> broker.port());
        registry.add("lectern.storage.root", () -> VideoServiceContextTests.STORAGE.toString());
    }

    @AfterAll
    static void close() throws IOException {
        broker.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessagingTopology topology;

    @Autowired
    JsonMapper json;

    @Test
    void anAcceptedJobIsPublishedOnceTheBrokerIsBack() throws Exception {
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        String alice = TestIssuer.shared().token("alice", "LEARNER");
        broker.cut();

        JobResponse job = client.post().uri("/api/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).body(VideoJobFlowTests.storyboardRequest("Outage"))
                .exchange().expectStatus().isAccepted().expectBody(JobResponse.class).returnResult().getResponseBody();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc
                .queryForObject("select count(*) from outbox where published_at is null and payload like ?", Long.class,
                        "%" + job.id() + "%")).isEqualTo(1));

        broker.restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from outbox where published_at is not null and payload like ?", Long.class,
                "%" + job.id() + "%")).isEqualTo(1));

        // Read the work queue directly from the broker (not through the proxy).
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.rabbit();
        CachingConnectionFactory direct = new CachingConnectionFactory(rabbit.host(), rabbit.port());
        direct.setUsername(rabbit.user());
        direct.setPassword(rabbit.password());
        try {
            RabbitTemplate reader = new RabbitTemplate(direct);
            VideoRenderRequested found = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (found == null && System.currentTimeMillis() < deadline) {
                Message message = reader.receive(topology.workQueue(JobKind.VIDEO), 1_000);
                if (message != null) {
                    VideoRenderRequested request = json.readValue(message.getBody(), VideoRenderRequested.class);
                    if (request.jobId().equals(job.id())) {
                        found = request;
                    }
                }
            }
            assertThat(found).as("the work message of the job accepted during the outage").isNotNull();
        } finally {
            direct.destroy();
        }
    }
}
