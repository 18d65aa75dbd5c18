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
 * Keeps on the exchange, as the request arrives, what is written about it later:
 * <ul>
 * <li>{@link #TRACE_ID}, for the request log line and problem responses. Read from the server observation's span
 * through the exchange, not from a thread local: the gateway does not turn on Reactor's automatic context
 * propagation, which cost more CPU than any other part of a request (docs/performance.md, "Gateway").</li>
 * <li>{@link #CLIENT_PATH}, the path the client asked for: a problem written after the circuit breaker forwarded the
 * request to {@code /fallback/<service>} names it as its {@code instance}; the gateway's own record of the original
 * URL is cleared when the retry filter starts over, so it cannot be relied on there.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestAttributes implements WebFilter {

    public static final String TRACE_ID = RequestAttributes.class.getName() + ".traceId";
    public static final String CLIENT_PATH = RequestAttributes.class.getName() + ".clientPath";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(CLIENT_PATH, exchange.getRequest().getPath().value());
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .ifPresent(span -> exchange.getAttributes().put(TRACE_ID, span.traceId()));
        return chain.filter(exchange);
    }
}
