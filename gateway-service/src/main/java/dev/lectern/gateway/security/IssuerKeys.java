package dev.lectern.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
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
 * The issuer's signing keys for the token check. The key set is fetched on first use and the last one fetched is
 * kept; a token whose {@code kid} is not in it makes the gateway fetch the set again (so a key rotation needs no
 * restart) — but at most once per {@code minRefetchInterval}, and requests that miss while a fetch is on its way wait
 * for that one fetch. Tokens whose key is known never wait for a fetch and are never affected by one that fails.
 *
 * <p>Why not Spring Security's own source ({@code NimbusReactiveJwtDecoder.withJwkSetUri}): it fetches again for
 * <em>every</em> token with an unknown {@code kid}. Tokens are checked before the rate limiter (the limiter keys on the
 * user), so anyone could make each request with a made-up {@code kid} cost a request to the issuer. The price of the
 * limit: while such tokens arrive, a token signed with a key the issuer published since the last fetch is refused
 * (401) for up to one interval.
 *
 * <p>Only RS256 tokens look for a key at all (the decoder accepts nothing else), so an HS256 or {@code none} forgery
 * cannot cause a fetch. A failed fetch leaves the last key set in place; only while no set was ever fetched does the
 * failure reach the caller (503: the token may be good), and then the next request tries again.
 */
final class IssuerKeys implements Function<SignedJWT, Flux<JWK>> {

    private final Mono<JWKSet> fetch;
    private final long minRefetchNanos;
    private final LongSupplier nanoTime;

    // guarded by this
    private JWKSet lastFetched;
    private Mono<JWKSet> inFlight;
    private long lastAttemptAt;

    IssuerKeys(Mono<JWKSet> fetch, Duration minRefetchInterval, LongSupplier nanoTime) {
        this.fetch = fetch;
        this.minRefetchNanos = minRefetchInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Flux<JWK> apply(SignedJWT token) {
        if (!JWSAlgorithm.RS256.equals(token.getHeader().getAlgorithm())) {
            return Flux.empty();
        }
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
        JWKSet known = lastFetched();
        if (known != null) {
            List<JWK> found = selector.select(known);
            if (!found.isEmpty()) {
                return Flux.fromIterable(found);
            }
        }
        Mono<JWKSet> refetch = fetchIfDue(known != null);
        if (refetch == null) {
            return Flux.empty();
        }
        return refetch.map(selector::select)
                .onErrorResume(failure -> known != null ? Mono.just(List.of()) : Mono.error(failure))
                .flatMapIterable(keys -> keys);
    }

    private synchronized JWKSet lastFetched() {
        return lastFetched;
    }

    /** The fetch to wait for: the one in flight, a new one if due (always when none succeeded yet), or null. */
    private synchronized Mono<JWKSet> fetchIfDue(boolean haveKeys) {
        if (inFlight != null) {
            return inFlight;
        }
        long now = nanoTime.getAsLong();
        if (haveKeys && now - lastAttemptAt < minRefetchNanos) {
            return null;
        }
        lastAttemptAt = now;
        Mono<JWKSet> attempt = fetch
                .doOnNext(this::fetched)
                .doFinally(signal -> finished())
                .cache();
        inFlight = attempt;
        return attempt;
    }

    private synchronized void fetched(JWKSet keySet) {
        lastFetched = keySet;
    }

    private synchronized void finished() {
        inFlight = null;
    }
}
