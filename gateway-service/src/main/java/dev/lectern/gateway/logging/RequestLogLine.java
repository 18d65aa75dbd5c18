package dev.lectern.gateway.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one line written per request. Only these fields exist: no header, cookie, query string or body can reach the
 * log through it (the path is logged without its query, which may hold a WebSocket {@code access_token}).
 */
public record RequestLogLine(String method, String path, String routeId, int status, long latencyMs, String userId,
        String traceId) {

    /** nginx's "client closed request": the client left before its answer was written (logged, never sent). */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("http.request.method", method);
        fields.put("url.path", path);
        fields.put("lectern.route.id", routeId == null ? "-" : routeId);
        fields.put("http.response.status_code", status);
        fields.put("event.duration_ms", latencyMs);
        fields.put("user.id", userId == null ? "-" : userId);
        fields.put("trace.id", traceId == null ? "-" : traceId);
        return fields;
    }

    public String message() {
        return method + " " + path + " " + status + " " + latencyMs + " ms route=" + (routeId == null ? "-" : routeId)
                + " user=" + (userId == null ? "-" : userId);
    }
}
