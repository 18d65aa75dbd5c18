package dev.lectern.common.lifecycle;

import dev.lectern.common.web.ServletProblemResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.AbstractProtocol;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 503 problem+json, not 400, to a request that reached Tomcat just as graceful shutdown paused its connector.
 *
 * <p>Why: Tomcat 11 (checked on 11.0.22) reads the request line, sees the connector paused and sets 503 — then skips
 * the headers and still runs its Host-header check on them, which turns the 503 into a 400 and sends the error page.
 * A 400 tells the gateway (and any client) that the request itself was wrong, so nothing retries it and one request
 * of a rolling restart fails. A 503 says what happened: this instance is going away, send the request elsewhere — the
 * gateway retries idempotent requests on 503 against another instance.
 *
 * <p>Only a request the connector has already failed (an error status set before any application code ran) while the
 * connector is paused is touched; everything else passes through unchanged.
 */
public class PausedConnectorValve extends ValveBase {

    static final String DETAIL = "This instance is shutting down and did not process the request; send it again.";

    private final JsonMapper json = JsonMapper.builder().build();

    public PausedConnectorValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (response.isError() && response.getStatus() == HttpServletResponse.SC_BAD_REQUEST && connectorPaused(request)) {
            answerUnavailable(request, response);
            return;
        }
        getNext().invoke(request, response);
    }

    private static boolean connectorPaused(Request request) {
        return request.getConnector().getProtocolHandler() instanceof AbstractProtocol<?> protocol && protocol.isPaused();
    }

    private void answerUnavailable(Request request, Response response) throws IOException {
        response.setHeader("Retry-After", "1");
        response.setHeader("Connection", "close");
        // No trace id: the request never reached the application, so no observation was started for it.
        ServletProblemResponses.write(json, request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                "Service Unavailable", DETAIL, null);
    }
}
