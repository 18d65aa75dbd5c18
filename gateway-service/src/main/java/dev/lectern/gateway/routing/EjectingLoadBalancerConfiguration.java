package dev.lectern.gateway.routing;

import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * Registered in each service's load-balancer child context by {@link LoadBalancingConfiguration}; deliberately not a
 * {@code @Configuration} (component scanning must not put it in the main context, where there is no service id).
 */
class EjectingLoadBalancerConfiguration {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ServiceInstanceListSupplier ejectingInstanceListSupplier(ConfigurableApplicationContext context) {
        OutlierEjection ejection = context.getBean(OutlierEjection.class);
        // Health checks (each instance's readiness, every second) take an instance out as soon as it starts shutting
        // down; ejection takes out one that fails at the connection level before the next check.
        ServiceInstanceListSupplier all = ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context);
        // A probe that takes longer than the check interval counts as failed rather than piling up.
        WebClient probes = WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                HttpClient.create().responseTimeout(PROBE_TIMEOUT))).build();
        ServiceInstanceListSupplier ready = ServiceInstanceListSupplier.builder().withDiscoveryClient()
                .withHealthChecks(probes).build(context);
        return new LoadBalancingConfiguration.RoutableInstances(ready, all, ejection);
    }
}
