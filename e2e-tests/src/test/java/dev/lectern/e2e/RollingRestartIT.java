package dev.lectern.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zero downtime, for real: two content-service instances behind the gateway, steady traffic, and each instance in
 * turn sent SIGTERM (graceful shutdown) and replaced on its port — what a rolling update does. No request may fail.
 */
class RollingRestartIT {

    static final int GATEWAY = 18180;
    static final int[] CONTENT = {18181, 18182};

    private final Path root = Path.of(System.getProperty("lectern.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("lectern.version", "0.1.0-SNAPSHOT");
    private final Path logs = root.resolve("e2e-tests/target/e2e-logs");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aRollingRestartBehindTheGatewayLosesNoRequest() throws Exception {
        Files.createDirectories(logs);
        Path storage = Files.createDirectories(root.resolve("e2e-tests/target/e2e-storage"));
        Process[] content = {start("content-service", CONTENT[0], storage), null};
        awaitReady(CONTENT[0]);
        content[1] = start("content-service", CONTENT[1], storage);
        ProcessBuilder gateway = Platform.builder(root, version, logs, "gateway-service", GATEWAY, storage, GATEWAY);
        gateway.command().add("--spring.cloud.discovery.client.simple.instances.content-service[0].uri=http://127.0.0.1:"
                + CONTENT[0]);
        gateway.command().add("--spring.cloud.discovery.client.simple.instances.content-service[1].uri=http://127.0.0.1:"
                + CONTENT[1]);
        // Steady traffic from one user: lift the per-user read limit so only the restart can fail a request.
        gateway.command().add("--lectern.gateway.rate-limit.reads.replenish-rate=100000");
        gateway.command().add("--lectern.gateway.rate-limit.reads.burst-capacity=200000");
        processes.add(gateway.start());
        awaitReady(CONTENT[1]);
        awaitReady(GATEWAY);

        String token = token();
        HttpResponse<String> created = http.send(request("/api/content/documents", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Rolling\",\"text\":\"Still here.\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/api/content/documents/" + json.readTree(created.body()).get("id").asString();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = http.send(request(path, token).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            succeeded.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        pause(Duration.ofSeconds(2));
        for (int i = 0; i < CONTENT.length; i++) {
            // SIGTERM: graceful shutdown drains in-flight requests; then a replacement starts on the same port.
            content[i].destroy();
            assertThat(content[i].waitFor(40, TimeUnit.SECONDS)).as("instance %d stopped", i).isTrue();
            content[i] = start("content-service", CONTENT[i], storage);
            awaitReady(CONTENT[i]);
            // The gateway re-admits an instance once its ejection (10 s after its last failure) has run out; a
            // rolling update waits that long before taking the next instance down (minReadySeconds in a cluster).
            pause(Duration.ofSeconds(12));
        }
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).as("failed requests during the rolling restart").isEmpty();
        assertThat(succeeded.get()).isGreaterThan(100);
    }

    private Process start(String name, int port, Path storage) throws IOException {
        Process process = Platform.builder(root, version, logs, name, port, storage, GATEWAY).start();
        processes.add(process);
        return process;
    }

    private String token() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GATEWAY
                + "/auth/dev-token")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("{\"username\":\"roller\",\"roles\":[\"AUTHOR\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).get("access_token").asString();
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GATEWAY + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15));
    }

    private void awaitReady(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("port " + port + " not ready; logs in " + logs);
    }

    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }
}
