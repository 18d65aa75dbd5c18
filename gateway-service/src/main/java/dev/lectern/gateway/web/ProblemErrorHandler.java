package dev.lectern.gateway.web;

import dev.lectern.gateway.logging.RequestLogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

/**
 * Every error the gateway itself produces (unknown route, bad method, a filter failure) as problem+json — replacing
 * Boot's default JSON error page — and never a stack trace.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    static final HttpStatusCode CLIENT_CLOSED_REQUEST = HttpStatusCode.valueOf(RequestLogLine.CLIENT_CLOSED_REQUEST);

    private final ProblemWriter problems;

    ProblemErrorHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            String detail = switch (status) {
                case NOT_FOUND -> "No route or resource matches " + exchange.getRequest().getPath().value() + ".";
                case METHOD_NOT_ALLOWED -> "Method " + exchange.getRequest().getMethod() + " is not allowed here.";
                default -> rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
            };
            // Headers the exception carries (Retry-After on a 503) belong on the answer too.
            exchange.getResponse().getHeaders().addAll(rse.getHeaders());
            return problems.write(exchange, status, status.getReasonPhrase(), detail);
        }
        if (clientGone(exchange, error)) {
            // Nobody is left to answer: not a gateway failure, and no ERROR line (nor Sentry event) per closed tab.
            // 499 is nginx's "client closed request", so the request log and metrics say what happened.
            log.debug("Client closed the connection before the answer to {} was sent: {}",
                    exchange.getRequest().getPath().value(), error.toString());
            if (!exchange.getResponse().isCommitted()) {
                exchange.getResponse().setStatusCode(CLIENT_CLOSED_REQUEST);
            }
            return Mono.empty();
        }
        log.error("Unexpected gateway failure on {}", exchange.getRequest().getPath().value(), error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The gateway could not complete the request. It has been logged.");
    }

    /** The write failed because the client's own connection is closed (not a downstream one: that stays an error). */
    static boolean clientGone(ServerWebExchange exchange, Throwable error) {
        if (!(error instanceof AbortedException) && !AbortedException.isConnectionReset(error)) {
            return false;
        }
        Object connection = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return connection instanceof Connection client && !client.channel().isActive();
    }
}
