package dev.lectern.common.security;

import com.nimbusds.jose.RemoteKeySourceException;
import dev.lectern.common.web.ServletProblemResponses;
import dev.lectern.common.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and 503 as problem+json, so a client handles every error the same way. 503 is for a token that could not be
 * checked at all ({@link IssuerKeysUnavailable}), which Spring Security's own failure handler would rethrow into a 500.
 */
public class ProblemJsonAuthenticationHandlers
        implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonAuthenticationHandlers.class);

    private final JsonMapper jsonMapper;
    private final TraceIds traceIds;

    public ProblemJsonAuthenticationHandlers(JsonMapper jsonMapper, TraceIds traceIds) {
        this.jsonMapper = jsonMapper;
        this.traceIds = traceIds;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, 401, "Unauthorized",
                "A valid bearer token is required: " + e.getMessage());
    }

    /** Authentication failed while checking a bearer token: unusable token → 401, token not checkable → 503. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (!(e instanceof AuthenticationServiceException)) {
            commence(request, response, e);
            return;
        }
        log.warn("A bearer token could not be checked: {}", e.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, IssuerKeysUnavailable.RETRY_AFTER_SECONDS);
        write(request, response, 503, "Service Unavailable", keysUnavailable(e) ? IssuerKeysUnavailable.DETAIL
                : "The token cannot be checked right now; retry shortly.");
    }

    private static boolean keysUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemoteKeySourceException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, 403, "Forbidden", "Your roles do not allow this operation.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String detail) throws IOException {
        ServletProblemResponses.write(jsonMapper, request, response, status, title, detail, traceIds.current());
    }
}
