import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one file and checks its SHA-256, for the image build stages (no curl or wget needed,
 * only the JDK that is there anyway). Usage: {@code java Fetch.java <url> <sha256> <target>}.
 */
public final class Fetch {

    private Fetch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java Fetch.java <url> <sha256> <target>");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        Path target = Path.of(args[2]);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (InputStream body = response.body()) {
            Files.copy(body, target);
        }
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target)));
        if (!actual.equalsIgnoreCase(args[1])) {
            Files.delete(target);
            throw new IllegalStateException(uri + ": SHA-256 " + actual + ", expected " + args[1]);
        }
        System.out.println(target + " " + Files.size(target) + " bytes, SHA-256 verified");
    }
}
