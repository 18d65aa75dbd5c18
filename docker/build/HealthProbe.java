import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The image's HEALTHCHECK, so the runtime image needs no shell, curl or wget.
 *
 * <p>Usage: {@code java -cp /opt/probe HealthProbe [path]} (default path {@code /actuator/health/readiness}).
 * Asks {@code http://127.0.0.1:<port><path>}, where the port is {@code $SERVER_PORT} or else the
 * service's default port written to {@code /opt/probe/port} when the image was built. Exits 0 on
 * HTTP 200, 1 on any other status or error (Docker's "healthy"/"unhealthy"), printing one line.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String port = System.getenv("SERVER_PORT");
        if (port == null || port.isBlank()) {
            port = Files.readString(Path.of("/opt/probe/port")).strip();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(4)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            System.out.println(uri + " " + response.statusCode());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.out.println(uri + " " + e);
            System.exit(1);
        }
    }
}
