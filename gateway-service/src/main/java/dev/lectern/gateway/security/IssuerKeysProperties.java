package dev.lectern.gateway.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param minRefetchInterval how soon after one fetch of the issuer's key set a token with an unknown {@code kid} may
 *     cause another ({@link IssuerKeys}): bounds what made-up key ids can cost the issuer, and how long a newly
 *     published key can go unnoticed while such tokens arrive
 */
@Validated
@ConfigurationProperties("lectern.gateway.issuer-keys")
public record IssuerKeysProperties(@DefaultValue("10s") @NotNull Duration minRefetchInterval) {
}
