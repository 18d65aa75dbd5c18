package dev.lectern.common.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param namespace prefix of every exchange and queue name; tests set a unique one
 * @param confirmTimeout how long a publish waits for the broker's confirm
 */
@Validated
@ConfigurationProperties("lectern.messaging")
public record MessagingProperties(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,62}") String namespace,
        @NotNull Duration confirmTimeout) {

    public MessagingTopology topology() {
        return new MessagingTopology(namespace);
    }
}
