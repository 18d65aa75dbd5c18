package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import dev.lectern.testsupport.TestIssuer;
import dev.lectern.testsupport.TestS3;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Multipart uploads of every sample type into real S3 (s3proxy on loopback) and PostgreSQL; every bad input is its
 * 4xx problem and leaves no row and no object behind. Limits are lowered here so the limit cases stay small.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.servlet.multipart.max-file-size=64KB", "spring.servlet.multipart.max-request-size=80KB",
        "lectern.content.documents.max-pdf-pages=3"})
class DocumentUploadTests {

    static final String BUCKET = "uploads-" + UUID.randomUUID().toString().substring(0, 8);
    static S3Client s3;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
        TestS3.shared().register(registry, BUCKET);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServletContext servletContext;

    RestTestClient client;
    String owner;
    String token;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        owner = "uploader-" + UUID.randomUUID();
        token = TestIssuer.shared().token(owner, "AUTHOR");
    }

    @AfterAll
    static void closeS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void uploadsMarkdownKeepingItsSections() {
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("photosynthesis.md", ContentTestSupport.sample("photosynthesis.md"), "text/markdown",
                        null))
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Photosynthesis")
                .jsonPath("$.mediaType").isEqualTo("text/markdown")
                .jsonPath("$.sections.length()").isEqualTo(5)
                .jsonPath("$.sections[0].heading").isEqualTo("Photosynthesis")
                .jsonPath("$.sections[1].heading").isEqualTo("Where it happens")
                .jsonPath("$.sections[1].text").value(String.class, text -> assertThat(text)
                        .startsWith("A chloroplast is an organelle found in plant cells").doesNotContain("#"))
                .jsonPath("$.sections[4].heading").isEqualTo("Why it matters");
    }

    @Test
    void uploadsPlainTextAndPdfWithTheTitleGiven() {
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("tcp-handshake.txt", ContentTestSupport.sample("tcp-handshake.txt"), "text/plain",
                        "TCP notes"))
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.title").isEqualTo("TCP notes")
                .jsonPath("$.mediaType").isEqualTo("text/plain")
                .jsonPath("$.sections.length()").isEqualTo(1)
                .jsonPath("$.sections[0].text").value(String.class, text -> assertThat(text)
                        .contains("Flow control is the mechanism that stops a fast sender from overwhelming a slow "
                                + "receiver."));
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("tcp-handshake.pdf", ContentTestSupport.sample("tcp-handshake.pdf"),
                        "application/pdf", null))
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.title").isEqualTo("tcp-handshake")
                .jsonPath("$.mediaType").isEqualTo("application/pdf")
                .jsonPath("$.sizeBytes").isEqualTo(ContentTestSupport.sample("tcp-handshake.pdf").length)
                .jsonPath("$.sections[0].text").value(String.class, text -> assertThat(text)
                        .contains("Flow control is the mechanism that stops a fast sender from overwhelming a slow "
                                + "receiver."));
    }

    @Test
    void decidesTheTypeFromTheBytesNotTheHeader() {
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("notes.pdf", ContentTestSupport.sample("photosynthesis.md"), "application/pdf", null))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.mediaType").isEqualTo("text/markdown");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("notes.txt", png, "text/plain", null))
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/unsupported-media-type")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("image/png"));
    }

    @Test
    void theSameBytesUploadedTwiceAreStoredOnceAndRemovedWithTheLastDocument() {
        byte[] bytes = ("Unique text " + UUID.randomUUID() + ". A quark is an elementary particle.").getBytes();
        int before = originals().size();
        DocumentResponse first = upload(bytes);
        DocumentResponse second = upload(bytes);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        List<S3Object> objects = originals();
        assertThat(objects).hasSize(before + 1);
        assertThat(objects).filteredOn(o -> o.key().contains(first.sha256())).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(bytes.length));

        delete(first.id());
        assertThat(originals()).filteredOn(o -> o.key().contains(first.sha256())).hasSize(1);
        delete(second.id());
        assertThat(originals()).filteredOn(o -> o.key().contains(first.sha256())).isEmpty();
    }

    @Test
    void everyBadInputIsItsProblemAndLeavesNothingBehind() throws IOException {
        int objects = originals().size();
        expectProblem(new byte[0], "empty.txt", 422, "https://lectern.dev/problems/validation", "empty");
        expectProblem("   \n\t ".getBytes(), "blank.txt", 422, "https://lectern.dev/problems/validation",
                "white space");
        expectProblem("# Only a heading\n\n## And another\n".getBytes(), "headings.md", 422,
                "https://lectern.dev/problems/validation", "nothing but headings");
        expectProblem(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10}, "photo.jpg", 415,
                "https://lectern.dev/problems/unsupported-media-type", "image/jpeg");
        expectProblem(new byte[] {'a', 'b', 0, 1, 2, 'c'}, "data.txt", 415,
                "https://lectern.dev/problems/unsupported-media-type", "binary");
        expectProblem("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(), "broken.pdf", 422,
                "https://lectern.dev/problems/validation", "broken");
        expectProblem(pdf(1, true), "locked.pdf", 422, "https://lectern.dev/problems/validation", "encrypted");
        expectProblem(pdf(4, false), "long.pdf", 422, "https://lectern.dev/problems/validation", "4 pages");
        expectProblem(new byte[70 * 1024], "huge.txt", 413, "https://lectern.dev/problems/payload-too-large",
                "larger");

        assertThat(jdbc.queryForObject("select count(*) from document where owner_id = ?", Long.class, owner))
                .isZero();
        assertThat(originals()).hasSize(objects);
    }

    @Test
    void anUploadThisInstanceCannotStoreIsA503AndLeavesNothingBehind() throws IOException {
        // Tomcat writes every part to its temporary upload directory. It recreates that directory when a /tmp cleaner
        // removed it, so the failure left for an instance is a directory it cannot write (a full disk, a read-only
        // volume); a plain file in the directory's place fails the same way, as root in CI too.
        File temporary = (File) servletContext.getAttribute(ServletContext.TEMPDIR);
        Path away = temporary.toPath().resolveSibling(temporary.getName() + "-away");
        int objects = originals().size();
        Files.move(temporary.toPath(), away);
        try {
            Files.createFile(temporary.toPath());
            client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(multipart("tcp-handshake.txt", ContentTestSupport.sample("tcp-handshake.txt"), "text/plain",
                            null))
                    .exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/service-unavailable")
                    .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("temporary storage"));
        } finally {
            Files.deleteIfExists(temporary.toPath());
            Files.move(away, temporary.toPath());
        }
        assertThat(jdbc.queryForObject("select count(*) from document where owner_id = ?", Long.class, owner))
                .isZero();
        assertThat(originals()).hasSize(objects);
        // The directory back, the same request is stored.
        assertThat(upload(ContentTestSupport.sample("tcp-handshake.txt")).mediaType()).isEqualTo("text/plain");
    }

    @Test
    void aMultipartWithoutAFileIsAProblem() {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("title", "Nothing attached");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts.build())
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
    }

    @Test
    void onlyAuthorsAndAdminsMayUpload() {
        String learner = TestIssuer.shared().token(owner, "LEARNER");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + learner)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart("tcp-handshake.txt", ContentTestSupport.sample("tcp-handshake.txt"), "text/plain",
                        null))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String admin = TestIssuer.shared().token(owner, "ADMIN");
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("title", "By an admin", "text", "Some text."))
                .exchange().expectStatus().isCreated();
    }

    private void expectProblem(byte[] bytes, String name, int status, String type, String detail) {
        client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(multipart(name, bytes, "application/octet-stream", null))
                .exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(type)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).as(name).containsIgnoringCase(detail))
                .jsonPath("$.trace").doesNotExist();
    }

    private DocumentResponse upload(byte[] bytes) {
        return client.post().uri("/api/content/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(multipart("same.txt", bytes, "text/plain", null))
                .exchange().expectStatus().isCreated()
                .expectBody(DocumentResponse.class).returnResult().getResponseBody();
    }

    private void delete(UUID id) {
        client.delete().uri("/api/content/documents/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNoContent();
    }

    static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(
            String name, byte[] bytes, String contentType, String title) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.parseMediaType(contentType));
        if (title != null) {
            parts.part("title", title);
        }
        return parts.build();
    }

    static byte[] pdf(int pages, boolean encrypted) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                pdf.addPage(new PDPage());
            }
            if (encrypted) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                pdf.protect(policy);
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static synchronized List<S3Object> originals() {
        if (s3 == null) {
            s3 = S3Client.builder().endpointOverride(TestS3.shared().endpoint()).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY))).build();
        }
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("originals/")).contents();
    }
}
