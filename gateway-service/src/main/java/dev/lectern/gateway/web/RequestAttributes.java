package dev.lectern.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the request's trace id on the exchange, so the request log line and problem responses written later can name
 * it. The id is read from the server observation's span through the exchange, not from a thread local: the gateway
 * does not turn on Reactor's automatic context propagation, which cost more CPU than any other part of a request
 * (docs/performance.md, "Gateway").
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TraceIdAttribute implements WebFilter {

    public static final String NAME = TraceIdAttribute.class.getName();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .ifPresent(span -> exchange.getAttributes().put(NAME, span.traceId()));
        return chain.filter(exchange);
    }
}
