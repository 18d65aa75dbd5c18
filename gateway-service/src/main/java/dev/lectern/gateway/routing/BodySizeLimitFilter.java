package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body larger than the limit before anything reads it (413 problem+json). Services enforce their
 * own, tighter limits on what they actually read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter implements WebFilter {

    private final RoutesProperties properties;
    private final ProblemWriter problems;

    BodySizeLimitFilter(RoutesProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > properties.maxBodySize().toBytes()) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "The request body is " + length + " bytes; at most " + properties.maxBodySize().toBytes()
                            + " bytes are accepted.");
        }
        return chain.filter(exchange);
    }
}
