package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.ProblemWriter;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.http.MediaType;

/** Where an open circuit or an unreachable service lands: 503 problem+json that names the service. */
@Configuration(proxyBeanMethods = false)
class FallbackHandler {

    private static final Set<String> SERVICES = Set.of(RouteConfiguration.CONTENT, RouteConfiguration.VIDEO,
            RouteConfiguration.AVATAR);

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes(ProblemWriter problems) {
        return RouterFunctions.route()
                .path("/fallback", b -> b.route(request -> true, request -> {
                    String service = request.path().substring("/fallback/".length());
                    String name = SERVICES.contains(service) ? service : "the downstream service";
                    return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .header("Retry-After", "5")
                            .bodyValue(problems.body(request.exchange(), HttpStatus.SERVICE_UNAVAILABLE,
                                    "Service unavailable", name + " is not reachable right now; try again shortly."));
                }))
                .build();
    }
}
