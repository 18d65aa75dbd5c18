package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What tokens with unknown key ids may cost the issuer, and that rotation still works (a fake issuer and clock). */
class IssuerKeysTests {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final IssuerKeys keys = new IssuerKeys(Mono.fromCallable(() -> {
        fetches.incrementAndGet();
        return published.get();
    }), INTERVAL, now::get);

    @Test
    void madeUpKeyIdsCostTheIssuerAtMostOneFetchPerInterval() throws JOSEException {
        RSAKey key = key();
        published.set(new JWKSet(key.toPublicJWK()));
        assertThat(select(token(key.getKeyID()))).extracting(JWK::getKeyID).containsExactly(key.getKeyID());

        for (int i = 0; i < 100; i++) {
            assertThat(select(token("made-up-" + i))).isEmpty();
        }
        assertThat(fetches).hasValue(1);

        now.addAndGet(INTERVAL.toNanos());
        for (int i = 0; i < 100; i++) {
            assertThat(select(token("made-up-again-" + i))).isEmpty();
        }
        assertThat(fetches).hasValue(2);
        assertThat(select(token(key.getKeyID()))).hasSize(1);
        assertThat(fetches).as("a known key never fetches").hasValue(2);
    }

    @Test
    void aRotatedKeyIsFetchedOnceTheIntervalAllows() throws JOSEException {
        RSAKey old = key();
        published.set(new JWKSet(old.toPublicJWK()));
        select(token(old.getKeyID()));
        RSAKey rotated = key();
        published.set(new JWKSet(List.of(old.toPublicJWK(), rotated.toPublicJWK())));

        now.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(select(token(rotated.getKeyID()))).as("within the interval").isEmpty();
        now.addAndGet(1);
        assertThat(select(token(rotated.getKeyID()))).extracting(JWK::getKeyID).containsExactly(rotated.getKeyID());
        assertThat(select(token(old.getKeyID()))).hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void requestsThatMissTogetherShareOneFetch() throws JOSEException {
        RSAKey key = key();
        published.set(new JWKSet(key.toPublicJWK()));
        IssuerKeys slowIssuer = new IssuerKeys(Mono.delay(Duration.ofMillis(200))
                .map(tick -> {
                    fetches.incrementAndGet();
                    return published.get();
                }), INTERVAL, now::get);

        List<JWK> found = Flux.range(0, 50).flatMap(i -> slowIssuer.apply(token(key.getKeyID()))).collectList()
                .block(Duration.ofSeconds(5));

        assertThat(found).hasSize(50);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void untilAKeySetArrivesAFailedFetchReachesTheCallerAndTheNextRequestTriesAgain() throws JOSEException {
        RSAKey key = key();
        published.set(new JWKSet(key.toPublicJWK()));
        AtomicInteger attempts = new AtomicInteger();
        IssuerKeys flakyIssuer = new IssuerKeys(Mono.fromCallable(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("issuer down");
            }
            return published.get();
        }), INTERVAL, now::get);

        assertThatThrownBy(() -> flakyIssuer.apply(token(key.getKeyID())).collectList().block())
                .hasMessageContaining("issuer down");
        assertThat(flakyIssuer.apply(token(key.getKeyID())).collectList().block()).hasSize(1);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aRefetchThatFailsLeavesTheKnownKeysWorking() throws JOSEException {
        RSAKey key = key();
        published.set(new JWKSet(key.toPublicJWK()));
        AtomicInteger attempts = new AtomicInteger();
        IssuerKeys issuerGoingDown = new IssuerKeys(Mono.fromCallable(() -> {
            if (attempts.incrementAndGet() > 1) {
                throw new IllegalStateException("issuer down");
            }
            return published.get();
        }), INTERVAL, now::get);
        assertThat(issuerGoingDown.apply(token(key.getKeyID())).collectList().block()).hasSize(1);

        now.addAndGet(INTERVAL.toNanos());
        assertThat(issuerGoingDown.apply(token("made-up")).collectList().block())
                .as("a made-up kid while the issuer is down: no key (401), not an outage (503)").isEmpty();
        assertThat(attempts).hasValue(2);
        for (int i = 0; i < 10; i++) {
            assertThat(issuerGoingDown.apply(token(key.getKeyID())).collectList().block()).hasSize(1);
            assertThat(issuerGoingDown.apply(token("made-up-" + i)).collectList().block()).isEmpty();
        }
        assertThat(attempts).as("the failed attempt counts against the interval").hasValue(2);
    }

    @Test
    void onlyRs256TokensLookForAKey() throws JOSEException {
        RSAKey key = key();
        published.set(new JWKSet(key.toPublicJWK()));
        select(token(key.getKeyID()));
        now.addAndGet(INTERVAL.toNanos());

        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("forged").build(),
                new JWTClaimsSet.Builder().subject("mallory").build());
        assertThat(select(hs256)).isEmpty();
        assertThat(fetches).hasValue(1);
    }

    private List<JWK> select(SignedJWT token) {
        return keys.apply(token).collectList().block(Duration.ofSeconds(5));
    }

    private static SignedJWT token(String kid) {
        return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().subject("someone").build());
    }

    private static RSAKey key() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }
}
