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
 * (breaker, retry, load balancer, the call to the service, the answer to the client) ran on that one thread for every
 * request of the gateway: each write to a Netty connection became a task handed to that connection's event loop (a
 * queue and an {@code eventfd} wake-up each), and one thread would cap the gateway on a machine with more cores. One
 * hand-off back to the client's loop replaces them (docs/performance.md, "Gateway"; {@code ConnectionLoopTests}).
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
