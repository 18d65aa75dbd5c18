package dev.lectern.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the edge lets through, per route. Where the services live is not here: each is a load-balanced service id
 * ({@code lb://content-service}) whose instances come from
 * {@code spring.cloud.discovery.client.simple.instances.<service-id>} (by default one instance from
 * {@code LECTERN_CONTENT_URI} / {@code _VIDEO_} / {@code _AVATAR_}).
 *
 * @param content uploads and reads of documents, flashcards, quizzes
 * @param graphql the content GraphQL endpoint
 * @param video video jobs
 * @param avatar avatar jobs (portraits are uploads)
 */
@Validated
@ConfigurationProperties("lectern.gateway.routes")
public record RoutesProperties(@Valid @NotNull Route content, @Valid @NotNull Route graphql, @Valid @NotNull Route video,
        @Valid @NotNull Route avatar) {

    /**
     * @param responseTimeout longest wait for the service's response headers; then 504 problem (or the fallback)
     * @param maxBodySize largest declared request body; larger → 413 problem before anything reads it
     */
    public record Route(@NotNull Duration responseTimeout, @NotNull DataSize maxBodySize) {
    }
}
