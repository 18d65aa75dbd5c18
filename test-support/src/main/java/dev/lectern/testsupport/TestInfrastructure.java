package dev.lectern.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Where the tests find PostgreSQL, Redis and RabbitMQ. The services configured by the environment
 * ({@code POSTGRES_HOST}/{@code _PORT}, {@code REDIS_HOST}/{@code _PORT}, {@code RABBITMQ_HOST}/{@code _PORT},
 * localhost defaults) are used when they answer; otherwise, where Docker is present, Testcontainers starts them.
 * Neither → the test fails and says what is missing. Never a mock.
 *
 * <p>Isolation: each test context gets its own PostgreSQL schema and its own RabbitMQ namespace (exchange and queue
 * prefix), so runs never see each other's rows or messages. Schemas made here are dropped when the JVM exits.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final List<String> createdSchemas = new CopyOnWriteArrayList<>();
    private static volatile Endpoint postgres;
    private static volatile Endpoint redis;
    private static volatile Endpoint rabbit;

    public record Endpoint(String host, int port, String user, String password) {
    }

    private TestInfrastructure() {
    }

    public static synchronized Endpoint postgres() {
        if (postgres == null) {
            Endpoint configured = new Endpoint(env("POSTGRES_HOST", "127.0.0.1"),
                    Integer.parseInt(env("POSTGRES_PORT", "5432")), env("POSTGRES_USER", "postgres"),
                    env("POSTGRES_PASSWORD", ""));
            if (reachable(configured)) {
                postgres = configured;
            } else {
                requireDocker("PostgreSQL", configured);
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                        .withDatabaseName("lectern").withUsername("postgres").withPassword("postgres");
                container.start();
                postgres = new Endpoint(container.getHost(), container.getMappedPort(5432), "postgres", "postgres");
            }
            ensureDatabase(postgres, "lectern");
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::dropCreatedSchemas));
        }
        return postgres;
    }

    public static synchronized Endpoint redis() {
        if (redis == null) {
            Endpoint configured = new Endpoint(env("REDIS_HOST", "127.0.0.1"),
                    Integer.parseInt(env("REDIS_PORT", "6379")), null, env("REDIS_PASSWORD", ""));
            if (reachable(configured)) {
                redis = configured;
            } else {
                requireDocker("Redis", configured);
                GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                container.start();
                redis = new Endpoint(container.getHost(), container.getMappedPort(6379), null, "");
            }
        }
        return redis;
    }

    public static synchronized Endpoint rabbit() {
        if (rabbit == null) {
            Endpoint configured = new Endpoint(env("RABBITMQ_HOST", "127.0.0.1"),
                    Integer.parseInt(env("RABBITMQ_PORT", "5672")), env("RABBITMQ_USERNAME", "guest"),
                    env("RABBITMQ_PASSWORD", "guest"));
            if (reachable(configured)) {
                rabbit = configured;
            } else {
                requireDocker("RabbitMQ", configured);
                RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management-alpine");
                container.start();
                rabbit = new Endpoint(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                        container.getAdminPassword());
            }
        }
        return rabbit;
    }

    /** A fresh schema name such as {@code content_t3f9a1c2}; dropped at JVM exit. */
    public static String uniqueSchema(String service) {
        String schema = service + "_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        createdSchemas.add(schema.toLowerCase(Locale.ROOT));
        return schema;
    }

    /** A fresh RabbitMQ namespace such as {@code test-3f9a1c2b}. */
    public static String uniqueNamespace() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String jdbcUrl(String schema) {
        Endpoint pg = postgres();
        return "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/lectern?currentSchema=" + schema;
    }

    /** Registers datasource, Flyway schema, Redis and RabbitMQ settings with a unique schema and namespace. */
    public static void register(DynamicPropertyRegistry registry, String service, boolean database, boolean redis,
            boolean rabbit) {
        Map<String, String> values = properties(service, database, redis, rabbit);
        values.forEach((key, value) -> registry.add(key, () -> value));
    }

    public static Map<String, String> properties(String service, boolean database, boolean withRedis,
            boolean withRabbit) {
        java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
        if (database) {
            Endpoint pg = postgres();
            String schema = uniqueSchema(service);
            values.put("lectern.db.schema", schema);
            values.put("POSTGRES_HOST", pg.host());
            values.put("POSTGRES_PORT", String.valueOf(pg.port()));
            values.put("POSTGRES_USER", pg.user());
            values.put("POSTGRES_PASSWORD", pg.password());
        }
        if (withRedis) {
            Endpoint r = redis();
            values.put("REDIS_HOST", r.host());
            values.put("REDIS_PORT", String.valueOf(r.port()));
        }
        if (withRabbit) {
            Endpoint mq = rabbit();
            values.put("RABBITMQ_HOST", mq.host());
            values.put("RABBITMQ_PORT", String.valueOf(mq.port()));
            values.put("RABBITMQ_USERNAME", mq.user());
            values.put("RABBITMQ_PASSWORD", mq.password());
            values.put("lectern.messaging.namespace", uniqueNamespace());
        }
        return values;
    }

    public static Connection connect(String database) throws SQLException {
        Endpoint pg = postgres();
        return DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database,
                pg.user(), pg.password());
    }

    private static void ensureDatabase(Endpoint pg, String database) {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres", pg.user(), pg.password());
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        } catch (SQLException e) {
            // A concurrent test JVM may have created it between our check and create.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot prepare database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    private static void dropCreatedSchemas() {
        if (createdSchemas.isEmpty() || postgres == null) {
            return;
        }
        try (Connection c = connect("lectern"); Statement s = c.createStatement()) {
            for (String schema : createdSchemas) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            log.warn("Could not drop test schemas {}: {}", createdSchemas, e.getMessage());
        }
    }

    private static boolean reachable(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireDocker(String what, Endpoint configured) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(what + " is not reachable at " + configured.host() + ":" + configured.port()
                    + " and Docker is not available to start one. Start it (see README, 'Prerequisites') or set the "
                    + "environment variables for where it runs.");
        }
        log.info("{} not reachable at {}:{}; starting it with Testcontainers", what, configured.host(),
                configured.port());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
