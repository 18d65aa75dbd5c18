package dev.lectern.gateway.security;

import dev.lectern.gateway.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS as Spring's {@code CorsWebFilter} does it (same processor, same configuration), except that a refused
 * cross-origin request gets 403 problem+json naming the origin instead of an empty 403 — what every other refusal of
 * the gateway looks like. A valid preflight is answered here and goes no further.
 */
final class CorsProblemFilter implements WebFilter {

    private final CorsConfigurationSource configurations;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter problems;

    CorsProblemFilter(CorsConfigurationSource configurations, ProblemWriter problems) {
        this.configurations = configurations;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!processor.process(configurations.getCorsConfiguration(exchange), exchange)) {
            String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
            return problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", "Cross-origin requests from " + origin
                    + " are not allowed (origin, method or headers outside the gateway's CORS configuration).");
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}
