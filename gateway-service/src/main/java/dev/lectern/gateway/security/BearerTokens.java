package dev.lectern.gateway.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * The token of an {@code Authorization: Bearer <token>} header, by the rules of Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} — a value that does not begin with "bearer" (any case) carries no
 * bearer token; one that does must be exactly {@code Bearer <token68>} (RFC 6750: letters, digits, {@code -._~+/},
 * then any {@code =} padding) or it is refused as malformed — checked one character at a time. Its regular expression,
 * case-insensitive over a whole JWT, was 2.7 % of the gateway's CPU at saturation (docs/performance.md, "Gateway");
 * {@code BearerTokensProperties} checks both answer alike on any value.
 */
final class BearerTokens {

    private static final String SCHEME = "bearer";

    private BearerTokens() {
    }

    /**
     * The token, or {@code null} when the value is not a bearer credential at all.
     *
     * @throws OAuth2AuthenticationException (invalid_token, "Bearer token is malformed") when it claims to be one but is
     *         not of the form {@code Bearer <token68>}
     */
    static String fromAuthorization(String authorization) {
        // Spring's StringUtils.startsWithIgnoreCase: Java's full case-insensitive comparison.
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (!isBearerToken68(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length() + 1);
    }

    /** {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive in ASCII only, as Spring's pattern. */
    private static boolean isBearerToken68(String value) {
        int length = value.length();
        for (int i = 0; i < SCHEME.length(); i++) {
            // ASCII case folding: setting bit 0x20 lower-cases a letter and leaves no other character equal to one.
            if ((value.charAt(i) | 0x20) != SCHEME.charAt(i)) {
                return false;
            }
        }
        int i = SCHEME.length();
        if (i >= length || value.charAt(i) != ' ') {
            return false;
        }
        int tokenStart = ++i;
        while (i < length && isToken68Character(value.charAt(i))) {
            i++;
        }
        if (i == tokenStart) {
            return false;
        }
        while (i < length && value.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean isToken68Character(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
