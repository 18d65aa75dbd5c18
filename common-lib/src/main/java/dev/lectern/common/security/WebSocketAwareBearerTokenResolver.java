package dev.lectern.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer token in the {@code Authorization} header; on a WebSocket handshake ({@code /ws/**}) also in
 * {@code Sec-WebSocket-Protocol: bearer, <jwt>} or {@code ?access_token=}, because browsers cannot set headers on a
 * WebSocket. Query-string tokens are accepted nowhere else (they end up in access logs).
 */
public class WebSocketAwareBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver headers = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver handshakes = new DefaultBearerTokenResolver();

    public WebSocketAwareBearerTokenResolver() {
        handshakes.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/ws/")) {
            return headers.resolve(request);
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            String[] parts = protocols.split(",");
            for (int i = 0; i + 1 < parts.length; i++) {
                if (parts[i].strip().equalsIgnoreCase("bearer")) {
                    return parts[i + 1].strip();
                }
            }
        }
        return handshakes.resolve(request);
    }
}
