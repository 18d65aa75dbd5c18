package dev.lectern.gateway.logging;

import java.security.Principal;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Runs after Spring Security (order -100) and records the authenticated user's id for the request log. */
@Component
@Order(0)
class UserIdAttribute implements WebFilter {

    static final String NAME = UserIdAttribute.class.getName();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .doOnNext(principal -> exchange.getAttributes().put(NAME, principal.getName()))
                .then(chain.filter(exchange));
    }
}
