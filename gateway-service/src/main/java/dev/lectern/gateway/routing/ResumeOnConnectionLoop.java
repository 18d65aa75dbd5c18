package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.ConnectionEventLoop;
import io.netty.channel.EventLoop;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Placed right after {@code RequestRateLimiter}: continues the request on the event loop of the client's connection.
 *
 * <p>The limiter's answer comes from Redis on Lettuce's single I/O thread, and without this hop everything after it
 * (breaker, retry, load balancer, the call to the service and the response to the client) ran on that one thread: each
 * write to the service's connection and to the client's became a task handed to another event loop (a queue and an
 * {@code eventfd} wake-up each), and Reactor Netty could not pick a pooled connection on the caller's own loop. Back on
 * the client's loop the service connection is taken from that loop's pool and the whole exchange stays on one thread
 * (docs/performance.md, "Gateway").
 */
final class ResumeOnConnectionLoop implements GatewayFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        EventLoop loop = ConnectionEventLoop.of(exchange);
        if (loop == null || loop.inEventLoop()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).subscribeOn(Schedulers.fromExecutor(loop));
    }
}
