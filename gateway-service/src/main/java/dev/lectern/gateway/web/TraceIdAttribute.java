package dev.lectern.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the request's trace id on the exchange, so problem responses written later (even off the tracing context)
 * can name it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TraceIdAttribute implements WebFilter {

    public static final String NAME = TraceIdAttribute.class.getName();

    private final ObjectProvider<Tracer> tracer;

    TraceIdAttribute(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span != null) {
            exchange.getAttributes().put(NAME, span.context().traceId());
        }
        return chain.filter(exchange);
    }
}
