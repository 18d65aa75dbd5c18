package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

/**
 * {@link BearerTokens} answers as Spring Security's {@code ServerBearerTokenAuthenticationConverter} does for any
 * {@code Authorization} value — the same token, the same "no bearer token here", the same malformed-token error — so
 * replacing its regular expression changed nothing a client can see.
 */
class BearerTokensProperties {

    private static final ServerBearerTokenAuthenticationConverter SPRING = new ServerBearerTokenAuthenticationConverter();

    @Property(tries = 10000)
    void answersAsSpringSecuritysConverter(@ForAll("authorizationValues") String authorization) {
        assertThat(ours(authorization)).isEqualTo(springSecurity(authorization));
    }

    @Example
    void decidesTheCasesThatMatter() {
        assertThat(BearerTokens.fromAuthorization("Bearer eyJh.b-c_d~e+f/g==")).isEqualTo("eyJh.b-c_d~e+f/g==");
        assertThat(BearerTokens.fromAuthorization("bEaReR abc")).isEqualTo("abc");
        assertThat(BearerTokens.fromAuthorization(null)).isNull();
        assertThat(BearerTokens.fromAuthorization("Basic dXNlcjpwYXNz")).isNull();
        for (String malformed : new String[] {"Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer =abc",
                "Bearer abc=d", "Bearer\tabc", "Bearerabc", "Bearer abc\n", "Bearer ab\u00e9"}) {
            assertThatThrownBy(() -> BearerTokens.fromAuthorization(malformed)).as(malformed)
                    .isInstanceOf(OAuth2AuthenticationException.class)
                    .hasMessage("Bearer token is malformed");
        }
        assertThat(ours("Bearer abc=d")).isEqualTo(springSecurity("Bearer abc=d"));
    }

    private static String ours(String authorization) {
        try {
            String token = BearerTokens.fromAuthorization(authorization);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getMessage();
        }
    }

    private static String springSecurity(String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/content/documents");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return SPRING.convert(MockServerWebExchange.from(request))
                    .map(authentication -> "token " + ((BearerTokenAuthenticationToken) authentication).getToken())
                    .defaultIfEmpty("none")
                    .block();
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<String> authorizationValues() {
        Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer", "Bearer  ",
                "Bearer\t", "Basic ", "Bear ", "Bearerx ", "B\u0130arer ", "\u212Aearer ", "be\u0251rer ", " Bearer ", "");
        Arbitrary<String> token68 = Arbitraries.strings().withChars("abcxyzABCXYZ0189-._~+/").ofMinLength(0)
                .ofMaxLength(8);
        Arbitrary<String> padding = Arbitraries.strings().withChars('=').ofMaxLength(3);
        Arbitrary<String> odd = Arbitraries.oneOf(
                Arbitraries.chars().with(' ', '\t', '\n', '\r', '\u0000', '=', ',', '"', '\\', '%', '*', ':', ';', '@',
                        '\u00e9', '\u017f', '\u212a', '\u0131', '\u0130', '\uff21', '\u0660').map(String::valueOf),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT).map(Character::toString));
        Arbitrary<String> tail = Arbitraries.frequencyOf(Tuple.of(6, token68), Tuple.of(3, padding), Tuple.of(2, odd))
                .list().ofMaxSize(4).map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(
                Tuple.of(10, scheme.flatMap(s -> tail.map(t -> s + t))),
                Tuple.of(1, Arbitraries.just(null)));
    }
}
