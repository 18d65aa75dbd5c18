package dev.lectern.gateway.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param allowedOrigins the frontend origins that may call the API from a browser (exact origins, no wildcards)
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("lectern.gateway.cors")
public record CorsProperties(@NotNull List<String> allowedOrigins, @NotNull Duration maxAge) {
}
