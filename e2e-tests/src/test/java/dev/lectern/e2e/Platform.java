package dev.lectern.e2e;

import dev.lectern.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five services as separate processes, started from the jars Maven built, as production runs them; wired to each
 * other only through configuration. Ports 18080-18084 keep clear of a platform started by {@code bin/lectern up}.
 * Data is isolated: schemas {@code e2e_*} (recreated each run) and the RabbitMQ namespace {@code lectern-e2e}.
 */
final class Platform implements AutoCloseable {

    static final int GATEWAY = 18080;
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("content-service", 18081);
        SERVICES.put("video-service", 18082);
        SERVICES.put("avatar-service", 18083);
        SERVICES.put("worker-service", 18084);
        SERVICES.put("gateway-service", GATEWAY);
    }

    private final Path root = Path.of(System.getProperty("lectern.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("lectern.version", "0.1.0-SNAPSHOT");
    private final Path logs = root.resolve("e2e-tests/target/e2e-logs");
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Platform start() throws IOException, SQLException {
        // Children must not outlive this JVM, whatever happens to the test run.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        try {
            launch();
            awaitReady(Duration.ofSeconds(180));
            return this;
        } catch (RuntimeException | IOException | SQLException e) {
            close();
            throw e;
        }
    }

    private void launch() throws IOException, SQLException {
        Files.createDirectories(logs);
        resetSchemas();
        Path storage = Files.createDirectories(root.resolve("e2e-tests/target/e2e-storage"));
        for (var service : SERVICES.entrySet()) {
            processes.add(builder(root, version, logs, service.getKey(), service.getValue(), storage, GATEWAY).start());
        }
    }

    /**
     * How one service is started as production starts it: its jar, its port, the shared infrastructure, and the
     * gateway at {@code gatewayPort} as token issuer.
     */
    static ProcessBuilder builder(Path root, String version, Path logs, String name, int port, Path storage,
            int gatewayPort) {
        TestInfrastructure.Endpoint pg = TestInfrastructure.postgres();
        TestInfrastructure.Endpoint redis = TestInfrastructure.redis();
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.rabbit();
        Path jar = root.resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": run the build (./mvnw verify) so the jars exist");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--lectern.messaging.namespace=lectern-e2e"));
        if (name.equals("gateway-service")) {
            command.add("--spring.profiles.active=dev");
        } else if (!name.equals("worker-service")) {
            command.add("--lectern.db.schema=e2e_" + name.replace("-service", ""));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + "-" + port + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("POSTGRES_HOST", pg.host());
        env.put("POSTGRES_PORT", String.valueOf(pg.port()));
        env.put("POSTGRES_USER", pg.user());
        env.put("POSTGRES_PASSWORD", pg.password());
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("RABBITMQ_HOST", rabbit.host());
        env.put("RABBITMQ_PORT", String.valueOf(rabbit.port()));
        env.put("RABBITMQ_USERNAME", rabbit.user());
        env.put("RABBITMQ_PASSWORD", rabbit.password());
        env.put("LECTERN_JWT_ISSUER", "http://localhost:" + gatewayPort + "/auth/dev");
        env.put("LECTERN_JWT_JWK_SET_URI", "http://127.0.0.1:" + gatewayPort + "/auth/jwks");
        env.put("LECTERN_CONTENT_URI", "http://127.0.0.1:" + SERVICES.get("content-service"));
        env.put("LECTERN_VIDEO_URI", "http://127.0.0.1:" + SERVICES.get("video-service"));
        env.put("LECTERN_AVATAR_URI", "http://127.0.0.1:" + SERVICES.get("avatar-service"));
        env.put("LECTERN_STORAGE_TYPE", "filesystem");
        env.put("LECTERN_STORAGE_ROOT", storage.toString());
        return builder;
    }

    URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + GATEWAY + path);
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (var service : SERVICES.entrySet()) {
            URI readiness = URI.create("http://127.0.0.1:" + service.getValue() + "/actuator/health/readiness");
            while (!ready(readiness)) {
                for (Process process : processes) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("A service exited during start-up; logs in " + logs);
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.getKey() + " not ready after " + timeout + "; logs in " + logs);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private boolean ready(URI readiness) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void resetSchemas() throws SQLException {
        try (Connection connection = TestInfrastructure.connect("lectern"); Statement statement = connection.createStatement()) {
            for (String schema : List.of("e2e_content", "e2e_video", "e2e_avatar")) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** SIGTERM (graceful shutdown), then a hard kill for anything still alive after 30 s. */
    @Override
    public synchronized void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
