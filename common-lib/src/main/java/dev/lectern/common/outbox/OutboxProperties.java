package dev.lectern.common.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval pause between relay passes when the previous one found nothing to send
 * @param batchSize rows claimed per pass; small, because the rows stay locked until their confirms arrive
 */
@Validated
@ConfigurationProperties("lectern.outbox")
public record OutboxProperties(
        boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(500) int batchSize) {
}
