package dev.lectern.gateway.routing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Flux;

/**
 * Spring Cloud LoadBalancer for every {@code lb://} route: round robin over the simple discovery client's static
 * instances (cached), minus instances that {@link OutlierEjection} has just seen fail.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = EjectingLoadBalancerConfiguration.class)
class LoadBalancingConfiguration {

    static final Duration EJECT_FOR = Duration.ofSeconds(10);

    @Bean
    OutlierEjection outlierEjection() {
        return new OutlierEjection(EJECT_FOR, Clock.systemUTC());
    }

    /** Right after the load balancer picked an instance: a connection-level failure ejects that instance. */
    @Bean
    @Order(ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1)
    GlobalFilter outlierDetection(OutlierEjection ejection) {
        return (exchange, chain) -> chain.filter(exchange).doOnError(IOException.class, error -> {
            Response<ServiceInstance> chosen = exchange.getAttribute(
                    ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
            if (chosen != null && chosen.hasServer()) {
                ejection.failed(chosen.getServer());
            }
        });
    }

    static final class Ejecting extends DelegatingServiceInstanceListSupplier {

        private final OutlierEjection ejection;

        Ejecting(ServiceInstanceListSupplier delegate, OutlierEjection ejection) {
            super(delegate);
            this.ejection = ejection;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().map(ejection::available);
        }
    }

}
