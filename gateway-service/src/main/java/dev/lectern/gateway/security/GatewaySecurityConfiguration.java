package dev.lectern.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWKSet;
import dev.lectern.common.security.JwtProperties;
import dev.lectern.common.security.JwtValidation;
import dev.lectern.common.security.Roles;
import dev.lectern.gateway.web.ProblemWriter;
import dev.lectern.gateway.websocket.WebSocketTokens;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The edge's token check and the coarse role matrix (docs/security.md). Every {@code /api/**}, {@code /graphql} and
 * {@code /ws/**} request needs a valid RS256 token: only RS256 is accepted (so {@code alg: none} and HS256 forgeries
 * fail), keys come from the issuer's JWKS (cached; an unknown {@code kid} triggers a refetch, at most one per interval
 * — {@link IssuerKeys} — so key rotation needs no restart), and issuer, audience, expiry/not-before (30 s skew), subject and roles are checked.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({JwtProperties.class, CorsProperties.class, IssuerKeysProperties.class})
class GatewaySecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurityConfiguration.class);

    static final String[] ADMIN_PATHS = {"/api/content/admin/**", "/api/videos/admin/**", "/api/avatars/admin/**"};
    static final String[] DOCUMENT_WRITES = {"/api/content/documents", "/api/content/documents/**"};

    /** How long a verified token is remembered (still validated on each use); a browser session reuses its token. */
    static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofMinutes(5);
    static final long VERIFIED_TOKENS_MAX = 50_000;

    @Bean
    ReactiveJwtDecoder reactiveJwtDecoder(JwtProperties properties, IssuerKeysProperties keys) {
        OAuth2TokenValidator<Jwt> validator = JwtValidation.validator(properties);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(new IssuerKeys(
                        keySet(keySetClient(properties.keyFetchTimeout()), properties.jwkSetUri().toString()),
                        keys.minRefetchInterval(), System::nanoTime))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator);
        // Nimbus's decoder reports a failed key fetch as IllegalStateException ("Could not obtain the keys"), which
        // Spring Security passes through untouched: without this it would end as a 500.
        ReactiveJwtDecoder keysOrUnavailable = token -> decoder.decode(token)
                .onErrorMap(IllegalStateException.class, failure -> {
                    log.warn("Signing keys from {} could not be fetched: {}", properties.jwkSetUri(),
                            failure.getCause() == null ? failure.toString() : failure.getCause().toString());
                    return new IssuerKeysUnavailableException(failure);
                });
        return new CachingJwtDecoder(keysOrUnavailable, validator, VERIFIED_TOKEN_MAX_AGE, VERIFIED_TOKENS_MAX,
                Ticker.systemTicker());
    }

    /** One fetch of the issuer's key set (JWKS JSON), as Spring Security's own remote source does it. */
    static Mono<JWKSet> keySet(WebClient client, String uri) {
        return client.get().uri(uri).retrieve().bodyToMono(String.class).map(json -> {
            try {
                return JWKSet.parse(json);
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("The issuer's key set at " + uri + " is not a JWK set", e);
            }
        });
    }

    /**
     * The client for the issuer's key set. The decoder's default {@code WebClient} has no timeouts, so an issuer that
     * accepted the connection and never answered held every request needing its keys open for ever.
     */
    static WebClient keySetClient(Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeout.toMillis()))
                .responseTimeout(timeout);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ProblemWriter problems, CorsProperties cors) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(Roles::authorities);
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "A valid bearer token is required: " + e.getMessage());
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "Forbidden", "Your roles do not allow " + exchange.getRequest().getMethod() + " "
                        + exchange.getRequest().getPath().value() + " (see docs/security.md).");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // Stateless: every request carries its token. The default repository keeps the security context in a
                // WebSession, and looking it up for a request without a valid token (401, 404, health) created a session
                // on a bounded-elastic thread and finished the request on a parallel one (InMemoryWebSessionStore) —
                // off the connection's event loop. The request after such an answer on the same keep-alive connection
                // sometimes went unread until the client gave up (the rare 15 s hang, docs/security.md).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Spring Security's CORS filter answers a refused origin with an empty 403; ours writes a problem.
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new CorsProblemFilter(corsSource(cors), problems), SecurityWebFiltersOrder.CORS)
                .headers(h -> h
                        // Downstream responses carry their own caching rules (ETags on videos).
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true)))
                .authorizeExchange(exchanges -> exchanges
                        // No blanket OPTIONS permit: CORS preflights are answered (or refused) by the CORS filter before
                        // this point; any other OPTIONS is a request to a service like the rest and needs a token.
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus", "/actuator/info").permitAll()
                        // Only the dev profile maps anything under /auth; elsewhere these paths answer 404.
                        .pathMatchers("/auth/**").permitAll()
                        // The circuit breaker forwards to /fallback/** inside the gateway, past these filters; from outside
                        // it would only let anyone fake a "service unreachable" answer and a WARN line.
                        .pathMatchers("/fallback/**").denyAll()
                        .pathMatchers(ADMIN_PATHS).hasRole(Roles.ADMIN)
                        .pathMatchers(HttpMethod.POST, DOCUMENT_WRITES).hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                        .pathMatchers(HttpMethod.PUT, DOCUMENT_WRITES).hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                        .pathMatchers(HttpMethod.PATCH, DOCUMENT_WRITES).hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                        .pathMatchers(HttpMethod.DELETE, DOCUMENT_WRITES).hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                        .pathMatchers("/api/**", "/graphql", "/ws/**")
                                .hasAnyRole(Roles.LEARNER, Roles.AUTHOR, Roles.ADMIN)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenConverter(bearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * {@code Authorization: Bearer} everywhere ({@link BearerTokens}: Spring Security's rules without its regular
     * expression); on {@code /ws/**} also the subprotocol or {@code access_token}.
     */
    static ServerAuthenticationConverter bearerTokens() {
        // Deferred, as Spring's converter is: whatever reading the request throws (a malformed header, an
        // undecodable query) arrives as an error signal, not from convert() itself.
        return exchange -> Mono.defer(() -> {
            ServerHttpRequest request = exchange.getRequest();
            String token = BearerTokens.fromAuthorization(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            if (token == null && WebSocketTokens.isWebSocketPath(request)) {
                token = WebSocketTokens.resolve(request);
            }
            return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
        });
    }

    static CorsConfigurationSource corsSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
                HttpHeaders.IF_NONE_MATCH, HttpHeaders.RANGE));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
                "X-RateLimit-Remaining", "X-RateLimit-Replenish-Rate", "X-RateLimit-Burst-Capacity",
                "X-RateLimit-Requested-Tokens"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
