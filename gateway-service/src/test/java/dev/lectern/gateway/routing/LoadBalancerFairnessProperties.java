package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

/**
 * The load balancer the gateway uses for {@code lb://} routes (Spring Cloud LoadBalancer's round robin over the static
 * instance list): over any N requests to k healthy instances, the busiest instance gets at most one request more
 * than the idlest.
 */
class LoadBalancerFairnessProperties {

    @Property(tries = 300)
    void theBusiestInstanceGetsAtMostOneRequestMoreThanTheIdlest(@ForAll @IntRange(min = 1, max = 8) int instances,
            @ForAll @IntRange(min = 0, max = 2000) int requests) {
        ServiceInstance[] list = IntStream.range(0, instances)
                .mapToObj(i -> (ServiceInstance) new DefaultServiceInstance("video-" + i, "video-service", "10.0.0." + i,
                        8082, false))
                .toArray(ServiceInstance[]::new);
        ServiceInstanceListSupplier supplier = ServiceInstanceListSuppliers.from("video-service", list);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("supplier", supplier));
        RoundRobinLoadBalancer balancer = new RoundRobinLoadBalancer(
                beans.getBeanProvider(ServiceInstanceListSupplier.class), "video-service");

        Map<String, Integer> counts = new HashMap<>();
        for (ServiceInstance instance : list) {
            counts.put(instance.getInstanceId(), 0);
        }
        for (int i = 0; i < requests; i++) {
            Response<ServiceInstance> chosen = balancer.choose().block();
            assertThat(chosen.hasServer()).isTrue();
            counts.merge(chosen.getServer().getInstanceId(), 1, Integer::sum);
        }
        List<Integer> values = List.copyOf(counts.values());
        int busiest = values.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int idlest = values.stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(values.stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests);
        assertThat(busiest - idlest).isLessThanOrEqualTo(1);
    }
}
