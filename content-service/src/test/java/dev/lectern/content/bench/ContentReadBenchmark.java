package dev.lectern.content.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentInstances;
import dev.lectern.content.ContentTestSupport;
import dev.lectern.content.StatementCounter;
import dev.lectern.content.document.CreateDocumentRequest;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.content.document.DocumentService;
import dev.lectern.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Read benchmark, not part of the normal test run (the name matches no surefire include). Run:
 * {@code ./mvnw -B -o -pl content-service test -Dtest=ContentReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Two instances of the service on one schema, one with the caches on and one with them off (the baseline), both
 * measured in this run over HTTP at a fixed concurrency: document list pages and flashcard pages. Then GraphQL's
 * list-with-children against the REST equivalent: SQL statements (counted at the DataSource) and latency.
 */
class ContentReadBenchmark {

    static final int DOCUMENTS = 100;
    static final int CONCURRENCY = 4;
    static final int WARMUP = 400;
    static final int REQUESTS = 4000;

    @Test
    void readsWithCachesOnAgainstOff() throws Exception {
        Map<String, Object> shared = ContentInstances.sharedProperties();
        Map<String, Object> off = new java.util.HashMap<>(shared);
        off.put("lectern.content.cache.enabled", "false");
        try (ConfigurableApplicationContext cached = ContentInstances.start(shared, StatementCounter.Registration.class);
                ConfigurableApplicationContext uncached = ContentInstances.start(off,
                        StatementCounter.Registration.class);
                HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                        .build()) {
            String owner = "bench-" + UUID.randomUUID();
            String token = TestIssuer.shared().token(owner, "AUTHOR");
            String text = new String(ContentTestSupport.sample("tcp-handshake.txt"), StandardCharsets.UTF_8);
            DocumentService documents = cached.getBean(DocumentService.class);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                DocumentResponse d = documents.createText(owner, new CreateDocumentRequest("Document " + i, text));
                ids.add(d.id());
            }
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                paths.add("/api/content/documents?page=" + i + "&size=20");
            }
            ids.forEach(id -> paths.add("/api/content/documents/" + id + "/flashcards"));

            System.out.println("\n=== Content read benchmark: " + DOCUMENTS + " documents, concurrency " + CONCURRENCY
                    + ", " + REQUESTS + " requests (document list pages and flashcard pages), over HTTP ===");
            run(http, port(uncached), token, paths, WARMUP);
            run(http, port(cached), token, paths, WARMUP);
            Result baseline = run(http, port(uncached), token, paths, REQUESTS);
            Result withCaches = run(http, port(cached), token, paths, REQUESTS);
            System.out.printf("caches off (baseline): p50 %.2f ms  p99 %.2f ms  %.0f req/s%n", baseline.p50(),
                    baseline.p99(), baseline.throughput());
            System.out.printf("caches on:             p50 %.2f ms  p99 %.2f ms  %.0f req/s%n", withCaches.p50(),
                    withCaches.p99(), withCaches.throughput());
            System.out.printf("ratio off/on:          p50 %.1fx  p99 %.1fx  throughput %.1fx%n",
                    baseline.p50() / withCaches.p50(), baseline.p99() / withCaches.p99(),
                    withCaches.throughput() / baseline.throughput());

            graphQlAgainstRest(http, port(uncached), token);
            assertThat(baseline.failures() + withCaches.failures()).isZero();
        }
    }

    private static void graphQlAgainstRest(HttpClient http, int port, String token) throws Exception {
        String query = "{\"query\":\"{ documents(size: 50) { content { id title flashcards { front back kind } "
                + "quizzes { id questions { prompt options } } } page { totalElements } } }\"}";
        int rounds = 20;
        double[] graphQl = new double[rounds];
        double[] rest = new double[rounds];
        int graphQlStatements = 0;
        int restStatements = 0;
        for (int r = 0; r < rounds + 3; r++) {
            int before = StatementCounter.STATEMENTS.get();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/graphql")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            double graphQlMs = (System.nanoTime() - start) / 1e6;
            assertThat(response.body()).doesNotContain("\"errors\"");
            int graphQlCount = StatementCounter.STATEMENTS.get() - before;

            before = StatementCounter.STATEMENTS.get();
            start = System.nanoTime();
            String list = get(http, port, token, "/api/content/documents?size=50");
            for (String id : list.split("\"id\":\"")) {
                if (id.length() >= 36 && id.charAt(8) == '-') {
                    get(http, port, token, "/api/content/documents/" + id.substring(0, 36) + "/flashcards");
                    get(http, port, token, "/api/content/documents/" + id.substring(0, 36) + "/quizzes");
                }
            }
            double restMs = (System.nanoTime() - start) / 1e6;
            int restCount = StatementCounter.STATEMENTS.get() - before;
            if (r >= 3) {
                graphQl[r - 3] = graphQlMs;
                rest[r - 3] = restMs;
                graphQlStatements = graphQlCount;
                restStatements = restCount;
            }
        }
        Arrays.sort(graphQl);
        Arrays.sort(rest);
        System.out.printf("%n=== 50 documents with flashcards and quizzes (caches off, %d rounds) ===%n", rounds);
        System.out.printf("GraphQL (1 request, batch loading): %d SQL statements, p50 %.1f ms%n", graphQlStatements,
                graphQl[rounds / 2]);
        System.out.printf("REST (1 + 2x50 requests):           %d SQL statements, p50 %.1f ms%n", restStatements,
                rest[rounds / 2]);
        System.out.printf("ratio REST/GraphQL:                 statements %.0fx, latency %.1fx%n%n",
                (double) restStatements / graphQlStatements, rest[rounds / 2] / graphQl[rounds / 2]);
    }

    private static String get(HttpClient http, int port, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    record Result(double p50, double p99, double throughput, int failures) {
    }

    private static Result run(HttpClient http, int port, String token, List<String> paths, int requests)
            throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String path = paths.get(Math.floorMod(i * 7919, paths.size()));
                        long t = System.nanoTime();
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.discarding());
                        latencies[i] = System.nanoTime() - t;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                requests / seconds, failures.get());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
