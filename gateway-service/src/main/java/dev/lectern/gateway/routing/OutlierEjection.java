package dev.lectern.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Passive health for load-balanced routes: an instance that just failed at the connection level (refused, reset,
 * closed mid-request) is left out of the rotation for a while, so the retry of an idempotent request goes to another
 * instance. No probes — an overloaded gateway cannot mistake slow probes for dead instances. If every instance is
 * ejected, all are offered again (better a try than a certain 503).
 */
public final class OutlierEjection {

    private final Duration ejectFor;
    private final Clock clock;
    private final Map<String, Instant> ejectedUntil = new ConcurrentHashMap<>();

    public OutlierEjection(Duration ejectFor, Clock clock) {
        this.ejectFor = ejectFor;
        this.clock = clock;
    }

    public void failed(ServiceInstance instance) {
        ejectedUntil.put(key(instance), clock.instant().plus(ejectFor));
    }

    public List<ServiceInstance> available(List<ServiceInstance> instances) {
        Instant now = clock.instant();
        List<ServiceInstance> healthy = instances.stream().filter(i -> {
            Instant until = ejectedUntil.get(key(i));
            return until == null || !now.isBefore(until);
        }).toList();
        return healthy.isEmpty() ? instances : healthy;
    }

    private static String key(ServiceInstance instance) {
        return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
    }
}
