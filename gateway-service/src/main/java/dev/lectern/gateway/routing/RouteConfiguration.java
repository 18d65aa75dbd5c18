package dev.lectern.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per downstream service. Paths are passed through unchanged (each service owns its {@code /api/...}
 * prefix). Each route has its own circuit breaker: when a service cannot be reached the client gets a 503
 * problem naming the service instead of a connection error.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    static final String CONTENT = "content-service";
    static final String VIDEO = "video-service";
    static final String AVATAR = "avatar-service";

    @Bean
    RouteLocator lecternRoutes(RouteLocatorBuilder routes, RoutesProperties properties) {
        return routes.routes()
                .route(CONTENT, r -> r.path("/api/content/**", "/graphql")
                        .filters(f -> f.circuitBreaker(c -> c.setName(CONTENT).setFallbackUri("forward:/fallback/" + CONTENT)))
                        .uri(properties.contentUri()))
                .route(VIDEO, r -> r.path("/api/videos", "/api/videos/**")
                        .filters(f -> f.circuitBreaker(c -> c.setName(VIDEO).setFallbackUri("forward:/fallback/" + VIDEO)))
                        .uri(properties.videoUri()))
                .route(AVATAR, r -> r.path("/api/avatars", "/api/avatars/**")
                        .filters(f -> f.circuitBreaker(c -> c.setName(AVATAR).setFallbackUri("forward:/fallback/" + AVATAR)))
                        .uri(properties.avatarUri()))
                .build();
    }
}
