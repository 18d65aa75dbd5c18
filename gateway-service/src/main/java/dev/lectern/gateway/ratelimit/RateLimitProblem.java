package dev.lectern.gateway.ratelimit;

import dev.lectern.gateway.web.ProblemWriter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Placed just before {@code RequestRateLimiter}: when the limiter refuses (it sets 429 and completes an empty
 * response), this writes the 429 as problem+json with {@code Retry-After}, keeping the limiter's
 * {@code X-RateLimit-*} headers.
 */
public final class RateLimitProblem implements GatewayFilter {

    private final ProblemWriter problems;

    public RateLimitProblem(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                if (!HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode())) {
                    return super.setComplete();
                }
                HttpHeaders headers = getHeaders();
                long seconds = RetryAfter.seconds(number(headers, RedisRateLimiter.REMAINING_HEADER, 0),
                        number(headers, RedisRateLimiter.REQUESTED_TOKENS_HEADER, 1),
                        number(headers, RedisRateLimiter.REPLENISH_RATE_HEADER, 1));
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "You have sent too many requests to " + exchange.getRequest().getMethod() + " "
                                + exchange.getRequest().getPath().value() + "; retry in " + seconds + " s.");
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static long number(HttpHeaders headers, String name, long fallback) {
        String value = headers.getFirst(name);
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
