package dev.lectern.gateway.routing;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where each downstream service lives and what the edge lets through.
 *
 * @param maxBodySize largest request body any route accepts (uploads included); larger → 413 at the edge
 */
@Validated
@ConfigurationProperties("lectern.gateway.routes")
public record RoutesProperties(@NotNull URI contentUri, @NotNull URI videoUri, @NotNull URI avatarUri,
        @NotNull DataSize maxBodySize) {
}
