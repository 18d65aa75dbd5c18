package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lectern.gateway.Backend;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Three real content-service instances behind {@code lb://content-service} (static instance list): requests spread
 * evenly, and when one instance goes away mid-traffic no idempotent request is lost (the retry lands on another).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBalancingTests {

    private static final List<Backend> INSTANCES = List.of(Backend.start("content-a"), Backend.start("content-b"),
            Backend.start("content-c"));

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "gateway", false, true, false);
        TestIssuer.shared().register(registry);
        for (int i = 0; i < INSTANCES.size(); i++) {
            Backend instance = INSTANCES.get(i);
            registry.add("spring.cloud.discovery.client.simple.instances.content-service[" + i + "].uri",
                    instance::uri);
        }
        registry.add("lectern.gateway.rate-limit.reads.replenish-rate", () -> "10000");
        registry.add("lectern.gateway.rate-limit.reads.burst-capacity", () -> "20000");
    }

    @LocalServerPort
    int port;

    WebClient client;
    String token;

    @BeforeEach
    void allInstancesInRotation() {
        client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        token = "Bearer " + TestIssuer.shared().token("user-" + UUID.randomUUID(), "LEARNER");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            INSTANCES.forEach(Backend::reset);
            Flux.range(0, 12).concatMap(i -> get("/api/content/warmup")).blockLast(Duration.ofSeconds(10));
            assertThat(INSTANCES).allSatisfy(instance -> assertThat(instance.hits()).isPositive());
        });
        INSTANCES.forEach(Backend::reset);
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(Backend::stop);
    }

    @Test
    void spreadsRequestsEvenlyOverTheInstances() {
        List<Integer> statuses = Flux.range(0, 300)
                .flatMap(i -> get("/api/content/documents/" + i), 8)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(300).containsOnly(200);
        List<Integer> hits = INSTANCES.stream().map(Backend::hits).toList();
        assertThat(hits.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        // Round robin is exact per choice (LoadBalancerFairnessProperties); concurrent requests share the counter.
        assertThat(hits).allSatisfy(h -> assertThat(h).isBetween(95, 105));
    }

    @Test
    void losesNoIdempotentRequestWhenAnInstanceGoesAwayMidTraffic() throws Exception {
        Backend leaving = INSTANCES.get(1);
        CompletableFuture<List<Integer>> traffic = Flux.range(0, 1500)
                .flatMap(i -> get("/api/content/documents/" + i), 8)
                .collectList().toFuture();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> INSTANCES.stream().mapToInt(Backend::hits).sum() >= 150);
        leaving.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> leaving.openConnections() == 0);
        int hitsWhenStopped = leaving.hits();
        try {
            List<Integer> statuses = traffic.get(120, TimeUnit.SECONDS);
            assertThat(traffic.isDone()).isTrue();
            assertThat(statuses).hasSize(1500).containsOnly(200);
            assertThat(leaving.hits()).isEqualTo(hitsWhenStopped);
            assertThat(INSTANCES.get(0).hits() + INSTANCES.get(2).hits()).isGreaterThanOrEqualTo(1500 - hitsWhenStopped);
        } finally {
            leaving.restart();
        }
    }

    private reactor.core.publisher.Mono<Integer> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}
