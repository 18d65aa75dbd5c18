package dev.lectern.gateway.websocket;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a browser puts its token on a WebSocket upgrade (it cannot set {@code Authorization} there):
 * {@code Sec-WebSocket-Protocol: bearer, <JWT>} or {@code ?access_token=<JWT>}. Only {@code /ws/**} paths read these.
 */
public final class WebSocketTokens {

    public static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    public static final String BEARER_PROTOCOL = "bearer";
    public static final String QUERY_PARAMETER = "access_token";

    private WebSocketTokens() {
    }

    public static boolean isWebSocketPath(ServerHttpRequest request) {
        return request.getPath().pathWithinApplication().value().startsWith("/ws/");
    }

    /** The token from the subprotocol list or the query; {@code null} when neither carries one. */
    public static String resolve(ServerHttpRequest request) {
        String fromProtocol = fromProtocols(request.getHeaders());
        if (fromProtocol != null) {
            return fromProtocol;
        }
        String fromQuery = request.getQueryParams().getFirst(QUERY_PARAMETER);
        return fromQuery == null || fromQuery.isBlank() ? null : fromQuery;
    }

    static String fromProtocols(HttpHeaders headers) {
        List<String> protocols = protocols(headers);
        int bearer = protocols.indexOf(BEARER_PROTOCOL);
        if (bearer < 0 || bearer + 1 >= protocols.size()) {
            return null;
        }
        return protocols.get(bearer + 1);
    }

    /** Every offered subprotocol, in order, trimmed. */
    public static List<String> protocols(HttpHeaders headers) {
        List<String> values = headers.get(PROTOCOL_HEADER);
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }
}
