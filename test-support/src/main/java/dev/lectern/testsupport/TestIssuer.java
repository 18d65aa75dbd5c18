package dev.lectern.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real token issuer for tests: an RSA key and a JWKS served over HTTP on loopback, so services validate test tokens
 * exactly as they validate production ones (JWKS fetch, RS256, issuer, audience, expiry) — nothing is stubbed.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://test-issuer.lectern.local";
    public static final String AUDIENCE = "lectern";

    private static TestIssuer shared;

    private final HttpServer server;
    private volatile RSAKey key;

    private TestIssuer() throws IOException {
        this.key = newKey();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // One thread per exchange: a slow or half-open client of one test context must not stall another's key fetch.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** One issuer per test JVM. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            try {
                shared = new TestIssuer();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the test issuer", e);
            }
        }
        return shared;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("lectern.security.jwt.issuer", () -> ISSUER);
        registry.add("lectern.security.jwt.audience", () -> AUDIENCE);
        registry.add("lectern.security.jwt.jwk-set-uri", this::jwkSetUri);
    }

    /** A valid token for {@code user} with the given roles, good for an hour. */
    public String token(String user, String... roles) {
        return token(claims -> claims.subject(user).claim("roles", List.of(roles)));
    }

    /** A token whose claims a test shapes itself (expired, wrong audience...), signed with the published key. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> shape) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).jwtID(UUID.randomUUID().toString());
        return sign(shape.apply(claims).build(), key);
    }

    /** Replaces the signing key (a new {@code kid}), as an issuer does when it rotates keys. */
    public void rotateKey() {
        this.key = newKey();
    }

    public RSAKey currentKey() {
        return key;
    }

    public static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
