package dev.lectern.gateway.websocket;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * On a WebSocket route, after the token was checked: the proxied upgrade request carries the token as
 * {@code Authorization: Bearer <JWT>} (what a servlet service reads), and the token is removed from the query and from
 * the subprotocol list, so it appears in no downstream URL or protocol negotiation. The subprotocol {@code bearer}
 * stays offered: a browser that asked for it must get it back.
 */
public final class ForwardWebSocketToken implements GatewayFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(auth -> forward(exchange, auth.getToken().getTokenValue()))
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    static ServerWebExchange forward(ServerWebExchange exchange, String token) {
        URI uri = exchange.getRequest().getURI();
        URI withoutToken = UriComponentsBuilder.fromUri(uri).replaceQueryParam(WebSocketTokens.QUERY_PARAMETER)
                .build(true).toUri();
        List<String> protocols = WebSocketTokens.protocols(exchange.getRequest().getHeaders()).stream()
                .filter(p -> !p.equals(token)).toList();
        return exchange.mutate().request(r -> r.uri(withoutToken).headers(h -> {
            h.setBearerAuth(token);
            if (protocols.isEmpty()) {
                h.remove(WebSocketTokens.PROTOCOL_HEADER);
            } else {
                h.set(WebSocketTokens.PROTOCOL_HEADER, String.join(", ", protocols));
            }
        })).build();
    }
}
