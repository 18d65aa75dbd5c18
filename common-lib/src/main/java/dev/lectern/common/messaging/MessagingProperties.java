package dev.lectern.common.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param namespace prefix of every exchange and queue name; tests set a unique one
 * @param confirmTimeout how long a publish waits for the broker's confirm
 * @param retryDelays backoff before each retry of failed work (one delay queue each); after the last, the work is
 *                    dead-lettered
 */
@Validated
@ConfigurationProperties("lectern.messaging")
public record MessagingProperties(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,62}") String namespace,
        @NotNull Duration confirmTimeout, List<Duration> retryDelays) {

    public MessagingProperties {
        retryDelays = retryDelays == null || retryDelays.isEmpty()
                ? List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30))
                : List.copyOf(retryDelays);
    }

    public MessagingTopology topology() {
        return new MessagingTopology(namespace, retryDelays);
    }
}
