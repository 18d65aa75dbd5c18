package dev.lectern.gateway.logging;

import dev.lectern.gateway.web.RequestAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Writes one structured line per request when it completes (key-value pairs in the ECS JSON): method, path, route id,
 * status, latency, user id, trace id. Runs outside security so refused requests are logged too; the user id comes
 * from {@link UserIdAttribute}, which runs inside it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class RequestLogFilter implements WebFilter {

    static final Logger log = LoggerFactory.getLogger("dev.lectern.gateway.requests");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            if (!log.isInfoEnabled()) {
                return;
            }
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            // Reactor Netty cancels the exchange when the client's connection closes: whatever status the response
            // holds then (often the downstream's 200) never reached the client.
            HttpStatusCode status = signal == SignalType.CANCEL
                    ? HttpStatusCode.valueOf(RequestLogLine.CLIENT_CLOSED_REQUEST)
                    : exchange.getResponse().getStatusCode();
            RequestLogLine line = new RequestLogLine(exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(), route == null ? null : route.getId(),
                    status == null ? 0 : status.value(), (System.nanoTime() - start) / 1_000_000,
                    exchange.getAttribute(UserIdAttribute.NAME), exchange.getAttribute(RequestAttributes.TRACE_ID));
            LoggingEventBuilder event = log.atInfo();
            line.fields().forEach(event::addKeyValue);
            event.log(line.message());
        });
    }
}
