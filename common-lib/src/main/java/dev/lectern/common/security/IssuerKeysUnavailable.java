package dev.lectern.common.security;

/**
 * What the gateway and the services answer when a token cannot be checked because the issuer's signing keys did not
 * come (refused, timed out, unreadable): 503 with {@code Retry-After}, not 401. The token may be perfectly good, and a
 * client that drops its token on 401 would log its user out because of our outage (docs/security.md, "Issuer outage").
 */
public final class IssuerKeysUnavailable {

    public static final String RETRY_AFTER_SECONDS = "5";

    public static final String DETAIL =
            "The token issuer's signing keys could not be fetched, so the token cannot be checked; retry shortly.";

    private IssuerKeysUnavailable() {
    }
}
