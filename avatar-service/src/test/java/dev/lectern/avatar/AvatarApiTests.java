package dev.lectern.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.avatar.job.TestAudio;
import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The avatar API on real PostgreSQL and RabbitMQ with real tokens: portrait upload with face detection, job submit
 * through the outbox onto this test's own work queue, validation that stores nothing, and the finished MP4 served
 * with ranges once the worker's event names it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AvatarApiTests {

    @TempDir
    static Path storageRoot;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "avatar", true, false, true);
        TestIssuer.shared().register(registry);
        registry.add("lectern.storage.type", () -> "filesystem");
        registry.add("lectern.storage.root", () -> storageRoot.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingTopology topology;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    JsonMapper json;
    @Autowired
    ObjectStorage storage;

    RestTestClient client;
    String owner;
    String token;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        owner = "user-" + UUID.randomUUID();
        token = "Bearer " + TestIssuer.shared().token(owner, "LEARNER");
    }

    // --- portraits ---------------------------------------------------------------------------------------------

    @Test
    void uploadsTheSamplePortraitFindsOneFaceAndStoresItAsPng() throws IOException {
        Map<String, Object> body = uploadPortrait(sample("portrait-obama.jpg"), "portrait-obama.jpg");

        assertThat(body.get("facesFound")).isEqualTo(1);
        assertThat(body.get("width")).isEqualTo(910);
        assertThat(body.get("height")).isEqualTo(1137);
        @SuppressWarnings("unchecked")
        Map<String, Object> face = (Map<String, Object>) body.get("face");
        assertThat((int) face.get("width")).isGreaterThan(200);
        String sha = (String) body.get("sha256");
        String key = "portraits/" + sha.substring(0, 2) + "/" + sha + ".png";
        assertThat(storage.exists(key)).isTrue();
        try (InputStream in = storage.open(key)) {
            assertThat(in.readNBytes(4)).containsExactly(0x89, 'P', 'N', 'G');
        }
        assertThat(jdbc.queryForObject("select count(*) from portrait where owner_id = ?", Integer.class, owner))
                .isEqualTo(1);
    }

    @Test
    void aPictureWithNoFaceIsRefusedWith422AndNothingStored() throws IOException {
        BufferedImage landscape = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                landscape.setRGB(x, y, y < 150 ? 0x87ceeb : 0x228b22 + random.nextInt(20));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(landscape, "png", png);

        client.post().uri("/api/avatars/portraits").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(multipart("file", png.toByteArray(), "field.png"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("No face found"))
                .jsonPath("$.errors[0].field").isEqualTo("file");
        assertNothingStored();
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWith415AndNothingStored() {
        client.post().uri("/api/avatars/portraits").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("file", "just some text, not a picture".getBytes(), "notes.jpg"))
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/unsupported-media-type")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("PNG or JPEG"));
        assertNothingStored();
    }

    @Test
    void anImageWithHugeDimensionsIsRefusedBeforeDecodingAndNothingStored() {
        byte[] bomb = dev.lectern.avatar.portrait.PortraitImageTests.pngHeaderOnly(60_000, 60_000);

        client.post().uri("/api/avatars/portraits").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(multipart("file", bomb, "bomb.png"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("60000x60000"));
        assertNothingStored();
    }

    @Test
    void aPortraitOverTheSizeLimitIsRefusedWith413() {
        byte[] big = new byte[11 * 1024 * 1024];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;

        client.post().uri("/api/avatars/portraits").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(multipart("file", big, "big.jpg"))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertNothingStored();
    }

    // --- jobs --------------------------------------------------------------------------------------------------

    @Test
    void aTextNarrationJobIsAcceptedAndItsWorkMessageReachesTheWorkQueue() throws IOException {
        Map<String, Object> portrait = uploadPortrait(sample("portrait-obama.jpg"), "p.jpg");

        var job = client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .header("Idempotency-Key", "k-" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("portraitId", portrait.get("id"), "text", "Hello, learners."))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/avatars/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(job.get("kind")).isEqualTo("avatar");
        assertThat(job.get("state")).isEqualTo("QUEUED");
        AvatarRenderRequested work = awaitWorkMessage(job.get("id"));
        assertThat(work.jobId().toString()).isEqualTo(job.get("id"));
        assertThat(work.ownerId()).isEqualTo(owner);
        assertThat(work.portraitSha256()).isEqualTo(portrait.get("sha256"));
        assertThat(storage.exists(work.portraitKey())).isTrue();
        assertThat(work.narrationText()).isEqualTo("Hello, learners.");
        assertThat(work.width()).isEqualTo(512);
        assertThat(work.fps()).isEqualTo(25);

        client.get().uri("/api/avatars?size=5").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.content[0].id").isEqualTo(job.get("id"))
                .jsonPath("$.page.totalElements").isEqualTo(1);
        client.delete().uri("/api/avatars/" + job.get("id")).header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("CANCELLED");
    }

    @Test
    void anUploadedWavNarrationIsStoredAndNamedInTheWorkMessage() throws IOException {
        Map<String, Object> portrait = uploadPortrait(sample("portrait-obama.jpg"), "p.jpg");
        MultiValueMap<String, Object> form = multipart("audio", TestAudio.wav(1.5, 16_000), "narration.wav");
        form.add("portraitId", portrait.get("id"));

        var job = client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();

        AvatarRenderRequested work = awaitWorkMessage(job.get("id"));
        assertThat(work.narrationText()).isNull();
        assertThat(work.narrationAudioKey()).startsWith("narrations/").endsWith(".wav");
        assertThat(storage.exists(work.narrationAudioKey())).isTrue();
    }

    @Test
    void badNarrationsAreRefusedWithProblemsAndStoreNothing() throws IOException {
        Map<String, Object> portrait = uploadPortrait(sample("portrait-obama.jpg"), "p.jpg");
        Object id = portrait.get("id");
        long objectsBefore = countObjects();

        // empty text
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("portraitId", id, "text", "  "))
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        // over-long text
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("portraitId", id, "text", "word ".repeat(400)))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("at most 1500"));
        // unknown portrait
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("portraitId", UUID.randomUUID(), "text", "Hi"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("portraitId");
        // resolution not offered
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("portraitId", id, "text", "Hi", "resolution", "4000x4000"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resolution");
        // audio of the wrong format (an Ogg header)
        MultiValueMap<String, Object> ogg = multipart("audio", "OggS\0\2fake vorbis".getBytes(), "n.ogg");
        ogg.add("portraitId", id);
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(ogg)
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("WAV"));
        // audio that is too long (121 s)
        MultiValueMap<String, Object> longWav = multipart("audio", TestAudio.wav(121, 8000), "long.wav");
        longWav.add("portraitId", id);
        client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(longWav)
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("at most 120 s"));

        assertThat(jdbc.queryForObject("select count(*) from job where owner_id = ?", Integer.class, owner))
                .isZero();
        assertThat(countObjects()).isEqualTo(objectsBefore);
    }

    @Test
    void anotherUsersJobIsNotFound() throws IOException {
        Map<String, Object> portrait = uploadPortrait(sample("portrait-obama.jpg"), "p.jpg");
        var job = client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("portraitId", portrait.get("id"), "text", "Hi"))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String mallory = "Bearer " + TestIssuer.shared().token("mallory-" + UUID.randomUUID(), "LEARNER");

        client.get().uri("/api/avatars/" + job.get("id")).header(HttpHeaders.AUTHORIZATION, mallory).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/avatars/" + job.get("id") + "/content").header(HttpHeaders.AUTHORIZATION, mallory)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void servesTheFinishedMp4WithRangesOnceTheWorkerReportsIt() throws IOException {
        Map<String, Object> portrait = uploadPortrait(sample("portrait-obama.jpg"), "p.jpg");
        var job = client.post().uri("/api/avatars").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("portraitId", portrait.get("id"), "text", "Hi"))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        UUID jobId = UUID.fromString((String) job.get("id"));
        client.get().uri("/api/avatars/" + jobId + "/content").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        // What the worker does: store the MP4 by its hash, then report SUCCEEDED naming it.
        byte[] video = new byte[10_000];
        new Random(7).nextBytes(video);
        String sha = dev.lectern.common.storage.ContentAddress.sha256(video);
        String key = dev.lectern.common.storage.ContentAddress.key("avatars", sha, "mp4");
        storage.put(key, video, "video/mp4");
        JobEvent succeeded = JobEvent.of(jobId, JobKind.AVATAR, JobEventType.SUCCEEDED, 100, 1,
                Map.of("objectKey", key, "sha256", sha, "sizeBytes", video.length), null);
        publisher.publishJson(topology.eventsExchange(), succeeded.routingKey(), succeeded.eventId().toString(),
                "JobEvent", json.writeValueAsBytes(succeeded));
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(jdbc.queryForObject(
                "select state from job where id = ?", String.class, jobId)));

        byte[] whole = client.get().uri("/api/avatars/" + jobId + "/content").header(HttpHeaders.AUTHORIZATION, token)
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("video/mp4")
                .expectHeader().valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"" + sha + "\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(whole).isEqualTo(video);
        byte[] part = client.get().uri("/api/avatars/" + jobId + "/content").header(HttpHeaders.AUTHORIZATION, token)
                .header(HttpHeaders.RANGE, "bytes=100-199").exchange()
                .expectStatus().isEqualTo(206)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-199/10000")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(video, 100, 200));
        client.get().uri("/api/avatars/" + jobId + "/content").header(HttpHeaders.AUTHORIZATION, token)
                .header(HttpHeaders.RANGE, "bytes=20000-").exchange()
                .expectStatus().isEqualTo(416)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */10000")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://lectern.dev/problems/range-not-satisfiable");
        client.get().uri("/api/avatars/" + jobId + "/content").header(HttpHeaders.AUTHORIZATION, token)
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + sha + "\"").exchange()
                .expectStatus().isNotModified();
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Work messages seen on this context's queue, by job (other tests' jobs share the queue). */
    private static final Map<UUID, AvatarRenderRequested> workSeen = new java.util.concurrent.ConcurrentHashMap<>();

    private AvatarRenderRequested awaitWorkMessage(Object jobId) {
        UUID id = UUID.fromString(jobId.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message m;
            while ((m = rabbit.receive(topology.workQueue(JobKind.AVATAR))) != null) {
                AvatarRenderRequested work = json.readValue(m.getBody(), AvatarRenderRequested.class);
                workSeen.put(work.jobId(), work);
            }
            return workSeen.containsKey(id);
        });
        return workSeen.get(id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> uploadPortrait(byte[] bytes, String name) {
        return client.post().uri("/api/avatars/portraits").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(multipart("file", bytes, name))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/avatars/portraits/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static MultiValueMap<String, Object> multipart(String field, byte[] bytes, String filename) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add(field, new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return form;
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = AvatarApiTests.class.getResourceAsStream("/avatar/" + name)) {
            return in.readAllBytes();
        }
    }

    private void assertNothingStored() {
        assertThat(jdbc.queryForObject("select count(*) from portrait where owner_id = ?", Integer.class, owner))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from job where owner_id = ?", Integer.class, owner)).isZero();
    }

    /** Objects in the whole test store (a refused request must not add one). */
    private static long countObjects() throws IOException {
        try (Stream<Path> files = Files.walk(storageRoot)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
