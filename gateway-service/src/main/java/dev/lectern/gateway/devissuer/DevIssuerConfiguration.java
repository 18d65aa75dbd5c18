package dev.lectern.gateway.devissuer;

import dev.lectern.common.security.JwtProperties;
import dev.lectern.gateway.web.ProblemWriter;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST /auth/dev-token} and {@code GET /auth/jwks} — registered only with the {@code dev} profile. */
@Configuration(proxyBeanMethods = false)
@Profile("dev")
class DevIssuerConfiguration {

    @Bean
    DevTokenIssuer devTokenIssuer(JwtProperties properties) {
        return new DevTokenIssuer(properties);
    }

    @Bean
    RouterFunction<ServerResponse> devIssuerRoutes(DevTokenIssuer issuer, Validator validator, ProblemWriter problems) {
        return RouterFunctions.route()
                .GET("/auth/jwks", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(issuer.jwks()))
                .POST("/auth/dev-token", request -> mint(request, issuer, validator, problems))
                .build();
    }

    private Mono<ServerResponse> mint(ServerRequest request, DevTokenIssuer issuer, Validator validator,
            ProblemWriter problems) {
        return request.bodyToMono(DevTokenRequest.class)
                .flatMap(body -> {
                    var violations = validator.validate(body);
                    if (!violations.isEmpty()) {
                        String detail = violations.stream()
                                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                                .sorted().collect(Collectors.joining("; "));
                        return ServerResponse.status(HttpStatus.UNPROCESSABLE_CONTENT)
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .bodyValue(problems.body(request.exchange(), HttpStatus.UNPROCESSABLE_CONTENT,
                                        "Invalid token request", detail));
                    }
                    String token = issuer.mint(body.username(), body.roles());
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("access_token", token, "token_type", "Bearer",
                                    "expires_in", DevTokenIssuer.LIFETIME.toSeconds()));
                })
                .switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.BAD_REQUEST)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .bodyValue(problems.body(request.exchange(), HttpStatus.BAD_REQUEST, "Missing body",
                                "Send {\"username\": \"alice\", \"roles\": [\"AUTHOR\"]}."))));
    }
}
