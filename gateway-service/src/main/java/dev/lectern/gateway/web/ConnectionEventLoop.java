package dev.lectern.gateway.web;

import io.netty.channel.EventLoop;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;

/** The Netty event loop that owns the client's connection of an exchange (null outside Reactor Netty, e.g. in mocks). */
public final class ConnectionEventLoop {

    private ConnectionEventLoop() {
    }

    public static EventLoop of(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof HttpServerRequest request) {
            EventLoop[] loop = {null};
            request.withConnection(connection -> loop[0] = connection.channel().eventLoop());
            return loop[0];
        }
        return null;
    }
}
