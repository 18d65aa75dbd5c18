package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lectern.gateway.AbstractGatewayTests;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's strict firewall in front of every route: what it refuses is a 400 problem+json before any
 * routing, and what it lets through (any assigned, non-control character in a header) still reaches the service.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirewallTests extends AbstractGatewayTests {

    @Autowired
    ServerWebExchangeFirewall firewall;

    @Test
    void refusesAnUnnormalisedOrSemicolonPathAsAProblem() {
        for (String path : new String[] {"/api/content/documents;jsessionid=1", "/api/content/%2e%2e/admin/x"}) {
            // As sent: WebTestClient would encode the percent signs again.
            client.get().uri(URI.create("http://127.0.0.1:" + port + path)).header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER")).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo(FirewallConfiguration.REFUSED_DETAIL);
        }
        client.method(HttpMethod.TRACE).uri("/api/content/documents/d1")
                .header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "LEARNER")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(CONTENT.received()).noneMatch(r -> r.uri().contains(";jsessionid") || r.uri().contains("%2e"));
    }

    @Test
    void refusesAControlCharacterInAHeaderItReadsWithoutLoggingTheValue(CapturedOutput output) throws IOException {
        // The firewall checks a header when the gateway reads it (here the token). U+0085, a C1 control character,
        // travels as the byte 0x85: HTTP/1.1 parsers read header bytes as ISO-8859-1.
        String token = bearer(freshUser(), "LEARNER");
        String answer = raw("GET /api/content/documents/d1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token
                + "\u0085\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains(FirewallConfiguration.REFUSED_DETAIL);
        assertThat(output.getAll()).contains("Firewall refused GET /api/content/documents/d1")
                .doesNotContain(token.substring("Bearer ".length()));
    }

    @Test
    void checksAHeaderWithSpringSecuritysRulesWhenItIsRead() {
        ServerWebExchange exchange = firewall.getFirewalledExchange(MockServerWebExchange.from(MockServerHttpRequest
                .get("/api/content/documents/d1")
                .header("X-Note", "caf\u00e9\tna\u00efve \uD83D\uDE00")
                .header("X-Control", "a\u0085b")
                .header(HttpHeaders.AUTHORIZATION, "Signature keyId=\"k\",signature=\"SECRET\"\u007f")
                .build())).block();
        HttpHeaders headers = exchange.getRequest().getHeaders();
        assertThat(headers.getFirst("X-Note")).isEqualTo("caf\u00e9\tna\u00efve \uD83D\uDE00");
        assertThatThrownBy(() -> headers.getFirst("X-Control")).isInstanceOf(ServerExchangeRejectedException.class);
        // The firewall's own message names the header and quotes its value — a value may hold quotes itself.
        ServerExchangeRejectedException rejected = catchThrowableOfType(ServerExchangeRejectedException.class,
                () -> headers.getFirst(HttpHeaders.AUTHORIZATION));
        assertThat(rejected.getMessage()).contains("SECRET");
        assertThat(FirewallConfiguration.redacted(rejected.getMessage())).contains("Authorization")
                .doesNotContain("SECRET").doesNotContain("keyId");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
