package dev.lectern.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the path the client asked for on the exchange. A problem written after the circuit breaker forwarded the
 * request to {@code /fallback/<service>} names it as its {@code instance}; the gateway's own record of the original
 * URL is cleared when the retry filter starts over, so it cannot be relied on there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class ClientPathAttribute implements WebFilter {

    public static final String NAME = ClientPathAttribute.class.getName();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(NAME, exchange.getRequest().getPath().value());
        return chain.filter(exchange);
    }
}
