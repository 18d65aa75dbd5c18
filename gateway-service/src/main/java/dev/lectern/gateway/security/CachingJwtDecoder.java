package dev.lectern.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed the full check (signature and claims), keyed by the exact token text, so a client's
 * next requests with the same token skip the RSA verification and JSON parsing that were a tenth of the gateway's CPU
 * per request. A cached token is still validated on every use (expiry, not-before, issuer, audience, roles: no
 * cryptography), so it stops working the moment it expires. Any change to the text is a different key and goes
 * through the full check.
 *
 * <p>A token signed with a key the issuer has since withdrawn stays accepted for at most {@code maxAge}. That adds no
 * exposure: the JWKS cache behind the delegate keeps a withdrawn key until a token with an unknown {@code kid} makes it
 * refetch the set.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration maxAge,
            long maxTokens, Ticker ticker) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(maxTokens).ticker(ticker).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(new JwtValidationException(describe(result), result.getErrors()));
        }
        return Mono.just(known);
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static String describe(OAuth2TokenValidatorResult result) {
        return result.getErrors().stream().map(error -> error.getDescription() == null ? error.getErrorCode()
                : error.getDescription()).findFirst().orElse("Invalid token");
    }
}
