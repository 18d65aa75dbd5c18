package dev.lectern.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testsupport.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The token bucket the gateway runs — Spring Cloud Gateway's own {@code request_rate_limiter.lua}, loaded from its
 * jar and executed on the real Redis — driven with simulated clocks (the script takes {@code now} as an argument), so
 * any arrival sequence can be checked in milliseconds:
 * <ol>
 * <li>in every window [t, t + w] the accepted requests never cost more than burst + rate × w tokens;</li>
 * <li>a patient client, who waits requested / rate seconds between requests, is never refused.</li>
 * </ol>
 * The clock is in whole seconds, as in production, where the script reads Redis {@code TIME} seconds: so the patient
 * client waits ⌈requested / rate⌉ whole seconds, and a real-time window of w seconds may span ⌊w⌋ + 1 clock seconds
 * (docs/security.md states the guarantee in real time).
 */
class RedisTokenBucketProperties {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static String script;

    record Bucket(int rate, int burst, int requested) {
    }

    @BeforeContainer
    static void connect() throws IOException {
        TestInfrastructure.Endpoint redis = TestInfrastructure.redis();
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port());
        if (redis.password() != null && !redis.password().isBlank()) {
            uri.withPassword(redis.password().toCharArray());
        }
        client = RedisClient.create(uri.build());
        connection = client.connect();
        try (InputStream in = RedisTokenBucketProperties.class.getClassLoader()
                .getResourceAsStream("META-INF/scripts/request_rate_limiter.lua")) {
            assertThat(in).as("Spring Cloud Gateway's rate limiter script on the classpath").isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterContainer
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Property(tries = 200)
    void acceptedRequestsInAnyWindowNeverExceedBurstPlusRateTimesWindow(@ForAll("buckets") Bucket bucket,
            @ForAll("arrivals") List<Integer> gaps) {
        List<Long> accepted = run(bucket, timestamps(gaps));
        for (int i = 0; i < accepted.size(); i++) {
            for (int j = i; j < accepted.size(); j++) {
                long window = accepted.get(j) - accepted.get(i);
                long tokens = (long) (j - i + 1) * bucket.requested();
                assertThat(tokens).as("tokens spent by accepted requests in [%d, %d]", accepted.get(i), accepted.get(j))
                        .isLessThanOrEqualTo(bucket.burst() + bucket.rate() * window);
            }
        }
    }

    @Property(tries = 200)
    void aPatientClientIsNeverRefused(@ForAll("buckets") Bucket bucket, @ForAll("extraWaits") List<Integer> extra) {
        long patience = (bucket.requested() + bucket.rate() - 1) / bucket.rate();
        List<Long> times = new ArrayList<>();
        long now = 1_000;
        for (int wait : extra) {
            times.add(now);
            now += patience + wait;
        }
        assertThat(run(bucket, times)).hasSameSizeAs(times);
    }

    @Provide
    Arbitrary<Bucket> buckets() {
        Arbitrary<Integer> rates = Arbitraries.integers().between(1, 5);
        return rates.flatMap(rate -> Combinators.combine(Arbitraries.integers().between(rate, 12),
                Arbitraries.integers().between(1, 12))
                .filter((burst, requested) -> requested <= burst)
                .as((burst, requested) -> new Bucket(rate, burst, requested)));
    }

    @Provide
    Arbitrary<List<Integer>> arrivals() {
        // Gaps in whole seconds between consecutive requests; zeros are bursts.
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(3, 20)))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> extraWaits() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(30);
    }

    private static List<Long> timestamps(List<Integer> gaps) {
        List<Long> times = new ArrayList<>();
        long now = 1_000;
        for (int gap : gaps) {
            now += gap;
            times.add(now);
        }
        return times;
    }

    /** Runs the arrivals through the script on a fresh key; returns the times of the accepted ones. */
    private static List<Long> run(Bucket bucket, List<Long> times) {
        RedisCommands<String, String> redis = connection.sync();
        String id = "lectern-test:rate:" + UUID.randomUUID();
        String[] keys = {"request_rate_limiter.{" + id + "}.tokens", "request_rate_limiter.{" + id + "}.timestamp"};
        List<Long> accepted = new ArrayList<>();
        try {
            for (long now : times) {
                List<Object> result = redis.eval(script, ScriptOutputType.MULTI, keys, String.valueOf(bucket.rate()),
                        String.valueOf(bucket.burst()), String.valueOf(now), String.valueOf(bucket.requested()));
                if (((Long) result.get(0)) == 1L) {
                    accepted.add(now);
                }
            }
        } finally {
            redis.del(keys);
        }
        return accepted;
    }
}
