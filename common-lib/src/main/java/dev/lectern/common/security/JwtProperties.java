package dev.lectern.common.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tokens are checked, by the gateway and again by every service (defence in depth).
 *
 * @param issuer the exact {@code iss} a token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param jwkSetUri where the issuer publishes its signing keys (fetched, cached, refetched on an unknown {@code kid})
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between our clock and the issuer's
 * @param keyFetchTimeout how long to wait for the issuer to accept the connection and, separately, for its key set to
 *     arrive; a request whose token needs keys that do not come fails instead of waiting for ever (the default is the
 *     Nimbus client's own, which Spring Security uses for servlet resource servers)
 */
@Validated
@ConfigurationProperties("lectern.security.jwt")
public record JwtProperties(@NotBlank String issuer, @NotBlank String audience, @NotNull URI jwkSetUri,
        @NotNull Duration clockSkew, @DefaultValue("500ms") @NotNull Duration keyFetchTimeout) {
}
