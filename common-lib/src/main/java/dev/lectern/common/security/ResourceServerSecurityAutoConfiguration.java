package dev.lectern.common.security;

import dev.lectern.common.web.ServletProblemsAutoConfiguration;
import dev.lectern.common.web.TraceIds;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service validates the caller's token again (defence in depth): RS256 only, keys from the issuer's
 * JWKS, issuer, audience, expiry with skew, subject and roles. Health and metrics stay open for probes and scrapes.
 * Ownership is checked in each feature against the token's subject.
 */
@AutoConfiguration(after = ServletProblemsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(NimbusJwtDecoder.class)
@EnableConfigurationProperties(JwtProperties.class)
@EnableMethodSecurity
@Import(AccessDeniedAdvice.class)
public class ResourceServerSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        SimpleClientHttpRequestFactory keyRequests = new SimpleClientHttpRequestFactory();
        keyRequests.setConnectTimeout(properties.keyFetchTimeout());
        keyRequests.setReadTimeout(properties.keyFetchTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(new RestTemplate(keyRequests))
                .build();
        decoder.setJwtValidator(JwtValidation.validator(properties));
        return decoder;
    }

    @Bean
    ProblemJsonAuthenticationHandlers problemJsonAuthenticationHandlers(JsonMapper jsonMapper, TraceIds traceIds) {
        return new ProblemJsonAuthenticationHandlers(jsonMapper, traceIds);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, ProblemJsonAuthenticationHandlers handlers)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(Roles::authorities);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/health",
                                "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new WebSocketAwareBearerTokenResolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        // The filter's own failure handler rethrows AuthenticationServiceException (keys unavailable)
                        // into a 500; ours answers 503 for that and 401 for the rest.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(handlers);
                                return filter;
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }
}
