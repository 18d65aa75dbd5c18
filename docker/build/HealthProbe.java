import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image's HEALTHCHECK, so the runtime image needs no shell, curl or wget.
 *
 * <p>Usage: {@code java -cp /opt/probe HealthProbe [path]} (default path {@code /actuator/health/readiness}).
 * Asks {@code http://127.0.0.1:<port><path>}, where the port is {@code $SERVER_PORT} or else the
 * service's default port written to {@code /opt/probe/port} when the image was built. Exits 0 on
 * HTTP 200, 1 on any other status or error (Docker's "healthy"/"unhealthy"), printing one line.
 *
 * <p>A plain socket and HTTP/1.0 rather than {@code java.net.http.HttpClient}: the probe runs every
 * few seconds in a fresh JVM, and the socket path loads a fraction of the classes (start-up ~4x faster).
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) throws IOException {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String port = System.getenv("SERVER_PORT");
        if (port == null || port.isBlank()) {
            port = Files.readString(Path.of("/opt/probe/port")).strip();
        }
        String target = "http://127.0.0.1:" + port + path;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 2000);
            socket.setSoTimeout(4000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n' && statusLine.length() < 200; c = in.read()) {
                statusLine.append((char) c);
            }
            // "HTTP/1.1 200 OK"
            String[] parts = statusLine.toString().strip().split(" ", 3);
            boolean ok = parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].equals("200");
            System.out.println(target + " " + statusLine.toString().strip());
            System.exit(ok ? 0 : 1);
        } catch (IOException e) {
            System.out.println(target + " " + e);
            System.exit(1);
        }
    }
}
