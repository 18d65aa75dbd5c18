package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.gateway.AbstractGatewayTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;

/**
 * After the rate limiter's Redis answer the request continues on the client connection's event loop, not on Lettuce's
 * single I/O thread (which would otherwise run the breaker, the load balancer and the call to the service for every
 * request of the gateway).
 */
class ConnectionLoopTests extends AbstractGatewayTests {

    static final String PROBE = "X-Test-Loop-Probe";
    static final Queue<String> threadsBeforeTheServiceCall = new ConcurrentLinkedQueue<>();

    @TestConfiguration
    static class Probe {

        /** Runs just before the call to the service and notes the thread it runs on. */
        @Bean
        @Order(NettyRoutingFilter.ORDER - 1)
        GlobalFilter threadProbe() {
            return (exchange, chain) -> {
                if (exchange.getRequest().getHeaders().containsHeader(PROBE)) {
                    threadsBeforeTheServiceCall.add(Thread.currentThread().getName());
                }
                return chain.filter(exchange);
            };
        }
    }

    @Test
    void callsTheServiceFromTheClientsEventLoopAfterTheRateLimiter() {
        String token = bearer(freshUser(), "LEARNER");
        HttpClient http = HttpClient.newHttpClient();
        // Concurrent requests, so some Redis answers arrive while other requests are in flight, as under load.
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 40)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/videos/v" + i)).header(HttpHeaders.AUTHORIZATION, token).header(PROBE, "1").build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        assertThat(threadsBeforeTheServiceCall).hasSize(40)
                .allSatisfy(thread -> assertThat(thread).contains("-http-epoll-").doesNotContain("lettuce"));
    }
}
