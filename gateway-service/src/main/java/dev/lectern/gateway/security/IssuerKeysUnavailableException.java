package dev.lectern.gateway.security;

import dev.lectern.common.security.IssuerKeysUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The issuer's key set could not be fetched, so a token could be neither accepted nor refused; answered as
 * {@link IssuerKeysUnavailable} says.
 */
final class IssuerKeysUnavailableException extends ResponseStatusException {

    IssuerKeysUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, IssuerKeysUnavailable.DETAIL, cause);
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, IssuerKeysUnavailable.RETRY_AFTER_SECONDS);
        return headers;
    }
}
