package dev.lectern.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Registered in each service's load-balancer child context by {@link LoadBalancingConfiguration}; deliberately not a
 * {@code @Configuration} (component scanning must not put it in the main context, where there is no service id).
 */
class EjectingLoadBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier ejectingInstanceListSupplier(ConfigurableApplicationContext context) {
        OutlierEjection ejection = context.getBean(OutlierEjection.class);
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching()
                .with((ctx, delegate) -> new LoadBalancingConfiguration.Ejecting(delegate, ejection)).build(context);
    }
}
