package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

class RoutableInstancesTests {

    private final ServiceInstance a = new DefaultServiceInstance("a", "content-service", "10.0.0.1", 8081, false);
    private final ServiceInstance b = new DefaultServiceInstance("b", "content-service", "10.0.0.2", 8081, false);

    @Test
    void offersOnlyTheInstancesWhoseReadinessProbePassed() {
        LoadBalancingConfiguration.RoutableInstances supplier = new LoadBalancingConfiguration.RoutableInstances(
                fixed(List.of(b)), fixed(List.of(a, b)), noFailures());
        assertThat(supplier.get().blockFirst()).containsExactly(b);
    }

    @Test
    void offersEveryInstanceWhenNoProbePassed() {
        // A saturated service answers its probe late; taking the last instance out would turn slowness into 503s.
        LoadBalancingConfiguration.RoutableInstances supplier = new LoadBalancingConfiguration.RoutableInstances(
                fixed(List.of()), fixed(List.of(a, b)), noFailures());
        assertThat(supplier.get().blockFirst()).containsExactly(a, b);
    }

    private static OutlierEjection noFailures() {
        return new OutlierEjection(Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static ServiceInstanceListSupplier fixed(List<ServiceInstance> instances) {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "content-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        };
    }
}
