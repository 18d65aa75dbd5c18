package dev.lectern.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Two Redis token buckets: a generous one for reads and a tight one for render requests. Both are Spring Cloud
 * Gateway's {@link RedisRateLimiter} (atomic Lua script in Redis, so all gateway replicas share one bucket per user).
 *
 * <p>Redis down: {@code RedisRateLimiter} lets the request through (fail open) and logs the error. That is our
 * deliberate choice: the limiter protects capacity, it is not an authorisation check, and every request still needs
 * a valid token; refusing all traffic because a cache is down would turn a Redis outage into a full outage. The
 * gateway's readiness includes Redis, so a replica without Redis is taken out of rotation meanwhile.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

    public static final String READS = "readRateLimiter";
    public static final String RENDERS = "renderRateLimiter";

    @Bean(READS)
    @Primary
    RedisRateLimiter readRateLimiter(RateLimitProperties properties) {
        return limiter(properties.reads());
    }

    @Bean(RENDERS)
    RedisRateLimiter renderRateLimiter(RateLimitProperties properties) {
        return limiter(properties.renders());
    }

    /** {@code user:<sub>} for an authenticated caller, {@code addr:<client address>} otherwise. */
    @Bean
    @Primary
    KeyResolver userOrAddressKeyResolver() {
        return RateLimitConfiguration::key;
    }

    static Mono<String> key(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName).filter(name -> !name.isBlank()).map(name -> "user:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> "addr:" + address(exchange.getRequest().getRemoteAddress())));
    }

    static String address(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static RedisRateLimiter limiter(RateLimitProperties.Bucket bucket) {
        return new RedisRateLimiter(bucket.replenishRate(), bucket.burstCapacity(), bucket.requestedTokens());
    }
}
