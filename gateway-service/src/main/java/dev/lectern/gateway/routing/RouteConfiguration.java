package dev.lectern.gateway.routing;

import dev.lectern.gateway.ratelimit.FailOpenMeter;
import dev.lectern.gateway.ratelimit.RateLimitConfiguration;
import dev.lectern.gateway.ratelimit.RateLimitProblem;
import dev.lectern.gateway.web.ProblemWriter;
import dev.lectern.gateway.websocket.ForwardWebSocketToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The routes. Paths pass through unchanged (each service owns its {@code /api/...} prefix). Every service is a
 * load-balanced id ({@code lb://video-service}): its instances come from the simple discovery client, round robin.
 *
 * <p>Each HTTP route, in order: body limit → rate limit (429 problem) → circuit breaker per service (503 problem
 * naming the service) → retry (GET/HEAD/OPTIONS only, on connection failures, 502/503 and "no healthy instance", so a vanished instance
 * costs no idempotent request) → the response timeout from the route's metadata.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    static final String CONTENT = "content-service";
    static final String VIDEO = "video-service";
    static final String AVATAR = "avatar-service";

    private final RoutesProperties properties;
    private final ProblemWriter problems;
    private final KeyResolver keys;
    private final RedisRateLimiter reads;
    private final RedisRateLimiter renders;
    private final FailOpenMeter failOpen;

    RouteConfiguration(RoutesProperties properties, ProblemWriter problems, KeyResolver keys,
            @Qualifier(RateLimitConfiguration.READS) RedisRateLimiter reads,
            @Qualifier(RateLimitConfiguration.RENDERS) RedisRateLimiter renders, MeterRegistry meters) {
        this.failOpen = new FailOpenMeter(meters);
        this.properties = properties;
        this.problems = problems;
        this.keys = keys;
        this.reads = reads;
        this.renders = renders;
    }

    @Bean
    RouteLocator lecternRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                // Render requests first: same services, tighter bucket.
                .route("video-render", r -> r.method(HttpMethod.POST).and().path("/api/videos")
                        .filters(f -> http(f, VIDEO, properties.video(), renders))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.video().responseTimeout()))
                        .uri("lb://" + VIDEO))
                .route("avatar-render", r -> r.method(HttpMethod.POST).and().path("/api/avatars")
                        .filters(f -> http(f, AVATAR, properties.avatar(), renders))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.avatar().responseTimeout()))
                        .uri("lb://" + AVATAR))
                .route(CONTENT, r -> r.path("/api/content/**")
                        .filters(f -> http(f, CONTENT, properties.content(), reads))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.content().responseTimeout()))
                        .uri("lb://" + CONTENT))
                .route("content-graphql", r -> r.path("/graphql")
                        .filters(f -> http(f, CONTENT, properties.graphql(), reads))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.graphql().responseTimeout()))
                        .uri("lb://" + CONTENT))
                .route(VIDEO, r -> r.path("/api/videos", "/api/videos/**")
                        .filters(f -> http(f, VIDEO, properties.video(), reads))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.video().responseTimeout()))
                        .uri("lb://" + VIDEO))
                .route(AVATAR, r -> r.path("/api/avatars", "/api/avatars/**")
                        .filters(f -> http(f, AVATAR, properties.avatar(), reads))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.avatar().responseTimeout()))
                        .uri("lb://" + AVATAR))
                // WebSocket job status: token checked on upgrade (security), forwarded as Authorization.
                .route("video-ws", r -> r.path("/ws/videos")
                        .filters(this::webSocket)
                        .uri("lb:ws://" + VIDEO))
                .route("avatar-ws", r -> r.path("/ws/avatars")
                        .filters(this::webSocket)
                        .uri("lb:ws://" + AVATAR))
                .build();
    }

    private UriSpec http(GatewayFilterSpec f, String service, RoutesProperties.Route route, RedisRateLimiter limiter) {
        return f.filter(new BodySizeLimit(route.maxBodySize(), problems))
                .filter(new RateLimitProblem(problems))
                .requestRateLimiter(c -> c.setRateLimiter(limiter).setKeyResolver(keys))
                .filter(failOpen)
                .circuitBreaker(c -> c.setName(service).setFallbackUri("forward:/fallback/" + service))
                .retry(c -> c.setRetries(3)
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                        .setSeries()
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                        // NotFoundException: the load balancer has no instance at this moment.
                        .setExceptions(IOException.class, NotFoundException.class)
                        .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, true));
    }

    private UriSpec webSocket(GatewayFilterSpec f) {
        return f.filter(new RateLimitProblem(problems))
                .requestRateLimiter(c -> c.setRateLimiter(reads).setKeyResolver(keys))
                .filter(failOpen)
                .filter(new ForwardWebSocketToken());
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }
}
