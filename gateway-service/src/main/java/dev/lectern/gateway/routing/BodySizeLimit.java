package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.ProblemWriter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A route's body limit: a declared body larger than the limit is refused (413 problem+json) before anything reads
 * it. Services enforce their own, tighter limits on what they actually read (a chunked body has no declared length).
 */
final class BodySizeLimit implements GatewayFilter {

    private final DataSize limit;
    private final ProblemWriter problems;

    BodySizeLimit(DataSize limit, ProblemWriter problems) {
        this.limit = limit;
        this.problems = problems;
    }

    static boolean exceeds(long declaredLength, DataSize limit) {
        return declaredLength > limit.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (exceeds(length, limit)) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "The request body is " + length + " bytes; this endpoint accepts at most " + limit.toBytes()
                            + " bytes.");
        }
        return chain.filter(exchange);
    }
}
