package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.RequestAttributes;
import dev.lectern.gateway.web.ProblemWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where an open circuit, an unreachable service or a timed-out call lands: 503 (or 504 for a timeout)
 * problem+json that names the service. A streamed body over the route's limit also fails inside the breaker and lands
 * here: 413, as if it had been declared.
 */
@Configuration(proxyBeanMethods = false)
class FallbackHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FallbackHandler.class);

    private static final Set<String> SERVICES = Set.of(RouteConfiguration.CONTENT, RouteConfiguration.VIDEO,
            RouteConfiguration.AVATAR);

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes(ProblemWriter problems) {
        return RouterFunctions.route()
                .path("/fallback", b -> b.route(request -> true, request -> {
                    String service = request.path().substring("/fallback/".length());
                    String name = SERVICES.contains(service) ? service : "the downstream service";
                    Throwable cause = request.exchange()
                            .getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
                    BodySizeLimit.BodyTooLargeException tooLarge = find(cause, BodySizeLimit.BodyTooLargeException.class);
                    if (tooLarge != null) {
                        // The client's doing, not the service's: no outage, no Retry-After.
                        return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .bodyValue(asClientSent(request.exchange(), problems.body(request.exchange(),
                                        HttpStatus.CONTENT_TOO_LARGE, "Payload too large", tooLarge.getReason())));
                    }
                    boolean timedOut = isTimeout(cause);
                    log.warn("Fallback for {}: {}", name, cause == null ? "circuit open or no cause" : cause.toString());
                    HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
                    String detail = timedOut ? name + " did not answer in time; try again shortly."
                            : name + " is not reachable right now; try again shortly.";
                    return ServerResponse.status(status)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .header("Retry-After", "5")
                            .bodyValue(asClientSent(request.exchange(), problems.body(request.exchange(), status,
                                    timedOut ? "Gateway timeout" : "Service unavailable", detail)));
                }))
                .build();
    }

    /** The problem's {@code instance} as the client sent it, not the {@code /fallback/<service>} it was forwarded to. */
    private static Map<String, Object> asClientSent(ServerWebExchange exchange, Map<String, Object> problem) {
        String path = exchange.getAttribute(RequestAttributes.CLIENT_PATH);
        if (path != null) {
            problem.put("instance", path);
        }
        return problem;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static boolean isTimeout(Throwable cause) {
        ResponseStatusException status = find(cause, ResponseStatusException.class);
        return find(cause, TimeoutException.class) != null || (status != null && status.getStatusCode().value() == 504);
    }
}
