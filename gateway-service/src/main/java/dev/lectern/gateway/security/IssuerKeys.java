package dev.lectern.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The issuer's signing keys for the token check. The key set is fetched on first use and kept; a token whose
 * {@code kid} is not in it makes the gateway fetch the set again (so a key rotation needs no restart) — but at most once
 * per {@code minRefetchInterval}, and every request that misses while a fetch is on its way waits for that one fetch.
 *
 * <p>Why not Spring Security's own source ({@code NimbusReactiveJwtDecoder.withJwkSetUri}): it fetches again for
 * <em>every</em> token with an unknown {@code kid}. Tokens are checked before the rate limiter (the limiter keys on the
 * user), so anyone could make each request with a made-up {@code kid} cost a request to the issuer. The price of the
 * limit: while such tokens arrive, a token signed with a key the issuer published since the last fetch is refused
 * (401) for up to one interval.
 *
 * <p>A failed fetch is not kept: the next request tries again (and, while the issuer is unreachable, gets 503).
 */
final class IssuerKeys implements Function<SignedJWT, Flux<JWK>> {

    private final Mono<JWKSet> fetch;
    private final long minRefetchNanos;
    private final LongSupplier nanoTime;

    /** The current fetch, in flight or done; replayed to every request until a refetch replaces it. */
    private Mono<JWKSet> current;
    private long currentStartedAt;

    IssuerKeys(Mono<JWKSet> fetch, Duration minRefetchInterval, LongSupplier nanoTime) {
        this.fetch = fetch;
        this.minRefetchNanos = minRefetchInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Flux<JWK> apply(SignedJWT token) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
        Mono<JWKSet> keys = current(null);
        return keys.flatMapMany(set -> {
            List<JWK> found = selector.select(set);
            if (!found.isEmpty()) {
                return Flux.fromIterable(found);
            }
            Mono<JWKSet> newer = current(keys);
            return newer == keys ? Flux.empty() : newer.flatMapIterable(selector::select);
        });
    }

    /**
     * The key set to use. {@code missed}: the fetch whose set lacked the token's key — a newer one is joined if it has
     * started since, and one is started if the last is at least the interval old; otherwise {@code missed} is kept.
     */
    private synchronized Mono<JWKSet> current(Mono<JWKSet> missed) {
        long now = nanoTime.getAsLong();
        if (current == null || (missed == current && now - currentStartedAt >= minRefetchNanos)) {
            current = fetch.cache(keySet -> Duration.ofMillis(Long.MAX_VALUE), failure -> Duration.ZERO,
                    () -> Duration.ZERO);
            currentStartedAt = now;
        }
        return current;
    }
}
