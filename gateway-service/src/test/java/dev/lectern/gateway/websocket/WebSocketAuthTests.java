package dev.lectern.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.gateway.AbstractGatewayTests;
import dev.lectern.gateway.Backend;
import dev.lectern.testsupport.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

/**
 * WebSocket upgrades through the gateway to a real downstream WebSocket server: the token rides in the subprotocol
 * list or the {@code access_token} query parameter, is checked on upgrade, reaches the service only as
 * {@code Authorization}, and the socket is closed (1008) when the token expires.
 */
class WebSocketAuthTests extends AbstractGatewayTests {

    private final ReactorNettyWebSocketClient sockets = new ReactorNettyWebSocketClient();

    @Test
    void acceptsTheTokenAsASubprotocolAndForwardsItAsAuthorization() {
        String user = freshUser();
        String token = TestIssuer.shared().token(user, "LEARNER");
        AtomicReference<String> firstMessage = new AtomicReference<>();
        AtomicReference<String> protocol = new AtomicReference<>();
        sockets.execute(uri("/ws/videos"), new HttpHeaders(), handler(List.of("bearer", token), session -> {
            protocol.set(session.getHandshakeInfo().getSubProtocol());
            return session.receive().take(1).doOnNext(m -> firstMessage.set(m.getPayloadAsText())).then()
                    .then(session.close());
        })).block(Duration.ofSeconds(10));

        assertThat(firstMessage.get()).isEqualTo("video-service ok");
        assertThat(protocol.get()).isEqualTo("bearer");
        Backend.Received upgrade = lastUpgrade(VIDEO);
        assertThat(upgrade.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(upgrade.headers().getFirst("Sec-WebSocket-Protocol")).isEqualTo("bearer");
    }

    @Test
    void acceptsTheTokenAsAQueryParameterAndKeepsItOutOfTheDownstreamUrl() {
        String token = TestIssuer.shared().token(freshUser(), "AUTHOR");
        AtomicReference<String> firstMessage = new AtomicReference<>();
        sockets.execute(uri("/ws/avatars?access_token=" + token + "&lang=en"), new HttpHeaders(),
                handler(List.of(), session -> session.receive().take(1)
                        .doOnNext(m -> firstMessage.set(m.getPayloadAsText())).then().then(session.close())))
                .block(Duration.ofSeconds(10));

        assertThat(firstMessage.get()).isEqualTo("avatar-service ok");
        Backend.Received upgrade = lastUpgrade(AVATAR);
        assertThat(upgrade.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(upgrade.uri()).isEqualTo("/ws/avatars?lang=en").doesNotContain(token);
    }

    @Test
    void refusesAnUpgradeWithoutAValidToken() {
        int before = VIDEO.hits();
        assertThatThrownBy(() -> sockets.execute(uri("/ws/videos"), new HttpHeaders(),
                handler(List.of(), WebSocketSession::close)).block(Duration.ofSeconds(10)))
                .hasMessageContaining("401");
        String forged = TestIssuer.shared().token(c -> c.subject("mallory").claim("roles", List.of("LEARNER"))
                .issuer("https://evil.example"));
        assertThatThrownBy(() -> sockets.execute(uri("/ws/videos?access_token=" + forged), new HttpHeaders(),
                handler(List.of(), WebSocketSession::close)).block(Duration.ofSeconds(10)))
                .hasMessageContaining("401");
        assertThat(VIDEO.hits()).isEqualTo(before);
    }

    @Test
    void closesEverySocketWith1008WhenItsTokenExpires() throws Exception {
        // Ten sockets at once: the close frame used to race the proxy's teardown and most sockets saw 1006.
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<String>> closes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            String token = TestIssuer.shared().token(c -> c.subject(freshUser()).claim("roles", List.of("LEARNER"))
                    .expirationTime(Date.from(Instant.now().plusSeconds(4))));
            CompletableFuture<String> closed = new CompletableFuture<>();
            // The JDK client reports the close frame's code and reason, and 1006 when the connection ends without one.
            http.newWebSocketBuilder().subprotocols("bearer", token)
                    .buildAsync(uri("/ws/videos"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(java.net.http.WebSocket socket, int code, String reason) {
                            closed.complete(code + " " + reason);
                            return null;
                        }

                        @Override
                        public void onError(java.net.http.WebSocket socket, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).get(10, TimeUnit.SECONDS);
            closes.add(closed);
        }

        for (CompletableFuture<String> closed : closes) {
            assertThat(closed.get(15, TimeUnit.SECONDS))
                    .isEqualTo(CloseStatus.POLICY_VIOLATION.getCode() + " token expired");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    private static Backend.Received lastUpgrade(Backend backend) {
        return backend.received().stream().filter(r -> r.method().equals("WS")).reduce((a, b) -> b).orElseThrow();
    }

    private static WebSocketHandler handler(List<String> protocols, java.util.function.Function<WebSocketSession,
            Mono<Void>> body) {
        return new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return protocols;
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return body.apply(session);
            }
        };
    }

}
