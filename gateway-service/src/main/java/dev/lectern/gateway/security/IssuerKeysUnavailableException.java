package dev.lectern.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The issuer's key set could not be fetched (refused, timed out, unreadable), so a token could be neither accepted nor
 * refused. 503 with {@code Retry-After}, not 401: the token may be perfectly good, and a client that drops it on 401
 * would send its user back to the login page because of our outage.
 */
final class IssuerKeysUnavailableException extends ResponseStatusException {

    static final String RETRY_AFTER_SECONDS = "5";

    IssuerKeysUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                "The token issuer's signing keys could not be fetched, so the token cannot be checked; retry shortly.",
                cause);
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return headers;
    }
}
