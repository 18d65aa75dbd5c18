package dev.lectern.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Placed just after {@code RequestRateLimiter}: counts the requests it let through without asking Redis (Redis
 * unreachable: the limiter fails open and marks the answer {@code X-RateLimit-Remaining: -1}). The gateway stays
 * ready while that happens, on purpose (docs/security.md), so this counter is what tells operators: the
 * {@code LecternRateLimiterFailingOpen} alert watches {@code lectern_gateway_ratelimit_failopen_total}.
 */
public final class FailOpenMeter implements GatewayFilter {

    private final Counter failOpen;

    public FailOpenMeter(MeterRegistry registry) {
        this.failOpen = Counter.builder("lectern.gateway.ratelimit.failopen")
                .description("Requests the rate limiter let through because Redis could not be asked")
                .register(registry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if ("-1".equals(exchange.getResponse().getHeaders().getFirst(RedisRateLimiter.REMAINING_HEADER))) {
            failOpen.increment();
        }
        return chain.filter(exchange);
    }
}
