package dev.lectern.gateway.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Wraps the gateway's WebSocket service: a proxied socket lives no longer than the token that opened it. At the
 * token's {@code exp} the client side is sent a close frame 1008 (policy violation, "token expired"); the close
 * handshake then tears down the connection to the service (a client that does not answer within 5 s is cut off). The
 * client reconnects with a fresh token.
 */
public final class ExpiringWebSocketService implements WebSocketService {

    public static final CloseStatus EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired");
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final WebSocketService delegate;
    private final Clock clock;

    public ExpiringWebSocketService(WebSocketService delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(auth -> Optional.ofNullable(auth.getToken().getExpiresAt()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(expiry -> delegate.handleRequest(exchange, expiry.<WebSocketHandler>map(
                        at -> new Expiring(handler, at, clock, connectionLoop(exchange))).orElse(handler)));
    }

    /**
     * The event loop of the client's connection. The close frame must be written from there: written from another
     * thread it is queued behind the teardown the close itself sets off, and the client then saw the connection end
     * without it (1006) in most runs.
     */
    static Scheduler connectionLoop(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof HttpServerRequest request) {
            Scheduler[] loop = {null};
            request.withConnection(connection -> loop[0] = Schedulers.fromExecutorService(
                    connection.channel().eventLoop(), "websocket-expiry"));
            if (loop[0] != null) {
                return loop[0];
            }
        }
        return Schedulers.parallel();
    }

    static Duration remaining(Instant expiresAt, Clock clock) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private record Expiring(WebSocketHandler delegate, Instant expiresAt, Clock clock, Scheduler timer)
            implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            return delegate.getSubProtocols();
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            // Send the close frame at expiry and let the normal close handshake end the proxy; a client that does
            // not answer the close within the grace period is cut off.
            Mono<Void> expiry = Mono.delay(remaining(expiresAt, clock), timer)
                    .then(Mono.defer(() -> session.close(EXPIRED)))
                    .then(Mono.delay(CLOSE_GRACE)).then();
            return Mono.firstWithSignal(delegate.handle(session), expiry);
        }
    }
}
