package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.gateway.AbstractGatewayTests;
import dev.lectern.testsupport.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Each classic token attack against the real gateway and a real JWKS: 401 problem+json, and nothing reaches the service. */
class JwtAttackTests extends AbstractGatewayTests {

    private static final TestIssuer issuer = TestIssuer.shared();

    @Test
    void acceptsAValidToken() {
        String path = path();
        call(path, "Bearer " + issuer.token("alice", "LEARNER")).expectStatus().isOk();
        assertThat(reached(path)).isTrue();
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        String token = new PlainJWT(validClaims().build()).serialize();
        assertRefused(token);
    }

    @Test
    void rejectsAnHs256TokenSignedWithThePublicKey() throws JOSEException {
        RSAKey key = issuer.currentKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                validClaims().build());
        jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        assertRefused(jwt.serialize());
    }

    @Test
    void rejectsATokenExpiredBeyondTheClockSkew() {
        assertRefused(issuer.token(c -> validClaims(c).expirationTime(Date.from(Instant.now().minusSeconds(45)))));
    }

    @Test
    void toleratesATokenExpiredWithinTheClockSkew() {
        String path = path();
        call(path, "Bearer " + issuer.token(c -> validClaims(c).issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().minusSeconds(10))))).expectStatus().isOk();
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        assertRefused(issuer.token(c -> validClaims(c).expirationTime(null)));
    }

    @Test
    void rejectsATokenNotYetValid() {
        assertRefused(issuer.token(c -> validClaims(c).notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        assertRefused(issuer.token(c -> validClaims(c).issuer("https://evil.example/realms/lectern")));
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        assertRefused(issuer.token(c -> validClaims(c).audience("another-api")));
    }

    @Test
    void rejectsATokenWithoutRoles() {
        assertRefused(issuer.token(c -> validClaims(c).claim("roles", null)));
        assertRefused(issuer.token(c -> validClaims(c).claim("roles", List.of("ROOT"))));
    }

    @Test
    void rejectsATamperedPayload() {
        String[] parts = issuer.token("mallory", "LEARNER").split("\\.");
        String forged = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"LEARNER\"", "\"ADMIN\"");
        assertThat(forged).contains("ADMIN");
        assertRefused(parts[0] + "." + Base64URL.encode(forged) + "." + parts[2]);
    }

    @Test
    void rejectsATokenSignedByAnUnknownKey() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(issuer.currentKey().getKeyID()).generate();
        assertRefused(TestIssuer.sign(validClaims().build(), stranger));
    }

    @Test
    void rejectsAMissingOrMalformedAuthorization() {
        String path = path();
        client.get().uri(path).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        call(path, "Bearer not-a-jwt").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // Not of the form "Bearer <token68>" at all: refused before any key is looked at (BearerTokens).
        call(path, "Bearer " + issuer.token("alice", "LEARNER") + " trailing").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("malformed"));
        assertThat(reached(path)).isFalse();
    }

    @Test
    void followsAKeyRotationWithoutARestart() {
        String before = issuer.currentKey().getKeyID();
        call(path(), "Bearer " + issuer.token("alice", "LEARNER")).expectStatus().isOk();
        issuer.rotateKey();
        assertThat(issuer.currentKey().getKeyID()).isNotEqualTo(before);
        // The new kid is fetched on a miss, at most once per lectern.gateway.issuer-keys.min-refetch-interval (1 s here).
        String token = issuer.token("alice", "LEARNER");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    String path = path();
                    call(path, "Bearer " + token).expectStatus().isOk();
                    assertThat(reached(path)).isTrue();
                });
    }

    private void assertRefused(String token) {
        String path = path();
        call(path, "Bearer " + token)
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).startsWith("A valid bearer token"));
        assertThat(reached(path)).as("the service must not see a refused request").isFalse();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec call(String path, String authorization) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
    }

    private static String path() {
        return "/api/content/documents/" + UUID.randomUUID();
    }

    private static boolean reached(String path) {
        return CONTENT.received().stream().anyMatch(r -> r.uri().equals(path));
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return validClaims(new JWTClaimsSet.Builder().issuer(TestIssuer.ISSUER).audience(TestIssuer.AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))));
    }

    private static JWTClaimsSet.Builder validClaims(JWTClaimsSet.Builder claims) {
        return claims.subject("mallory").claim("roles", List.of("LEARNER"));
    }
}
