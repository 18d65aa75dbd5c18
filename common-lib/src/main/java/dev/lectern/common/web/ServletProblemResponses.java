package dev.lectern.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json body where Spring MVC's {@link ProblemDetailsAdvice} does not reach: Spring Security's
 * handlers (before the dispatcher) and Tomcat's valves (before the application). Same fields as the advice.
 */
public final class ServletProblemResponses {

    private ServletProblemResponses() {
    }

    /** Sets the status and content type and writes the body; {@code traceId} is left out when null. */
    public static void write(JsonMapper jsonMapper, HttpServletRequest request, HttpServletResponse response, int status,
            String title, String detail, String traceId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.forStatus(status).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), body);
    }
}
