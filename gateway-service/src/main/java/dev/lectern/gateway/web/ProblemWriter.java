package dev.lectern.gateway.web;

import dev.lectern.common.web.ProblemTypes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json from anywhere in the gateway (security, filters, fallbacks, errors). */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        return write(exchange, status, ProblemTypes.forStatus(status.value()), title, detail);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body(exchange, status, type, title,
                detail)));
        return response.writeWith(Mono.just(buffer));
    }

    public Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        return body(exchange, status, ProblemTypes.forStatus(status.value()), title, detail);
    }

    public Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, URI type, String title,
            String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        String traceId = exchange.getAttribute(RequestAttributes.TRACE_ID);
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        return body;
    }
}
