package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The verified-token cache saves the signature check, never a claims check. */
class CachingJwtDecoderTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    final AtomicInteger fullChecks = new AtomicInteger();
    final AtomicLong tickerNanos = new AtomicLong();
    final MovableClock clock = new MovableClock(NOW);

    /** The full check: accepts tokens named "good-*" (expiring 10 minutes after NOW), refuses the rest. */
    final ReactiveJwtDecoder fullCheck = token -> {
        fullChecks.incrementAndGet();
        return token.startsWith("good-") ? Mono.just(jwt(token, NOW.plus(Duration.ofMinutes(10))))
                : Mono.error(new BadJwtException("Signature invalid"));
    };

    CachingJwtDecoder decoder() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        return new CachingJwtDecoder(fullCheck, timestamps, Duration.ofMinutes(5), 100, tickerNanos::get);
    }

    @Test
    void theSameTokenIsVerifiedOnce() {
        CachingJwtDecoder decoder = decoder();
        Jwt first = decoder.decode("good-a").block();
        Jwt second = decoder.decode("good-a").block();

        assertThat(second).isSameAs(first);
        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void anyOtherTextGetsTheFullCheckAndARefusalIsNotRemembered() {
        CachingJwtDecoder decoder = decoder();
        decoder.decode("good-a").block();

        StepVerifier.create(decoder.decode("good-b")).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder.decode("evil")).expectError(BadJwtException.class).verify();
        StepVerifier.create(decoder.decode("evil")).expectError(BadJwtException.class).verify();

        assertThat(fullChecks).hasValue(4);
        assertThat(decoder.size()).isEqualTo(2);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() {
        CachingJwtDecoder decoder = decoder();
        decoder.decode("good-a").block();

        clock.advance(Duration.ofMinutes(10).plusSeconds(31));

        StepVerifier.create(decoder.decode("good-a")).expectError(JwtValidationException.class).verify();
        assertThat(fullChecks).hasValue(1);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheMaximumAge() {
        CachingJwtDecoder decoder = decoder();
        decoder.decode("good-a").block();

        tickerNanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
        decoder.decode("good-a").block();

        assertThat(fullChecks).hasValue(2);
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("user-1").issuedAt(NOW.minusSeconds(60))
                .expiresAt(expiresAt).build();
    }
}
