package dev.lectern.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Token buckets in Redis (Spring Cloud Gateway's {@code RedisRateLimiter}), one bucket per user and route (per
 * client address when anonymous).
 *
 * @param reads every request that is not a render request
 * @param renders {@code POST /api/videos} and {@code POST /api/avatars}: each starts minutes of rendering work
 */
@Validated
@ConfigurationProperties("lectern.gateway.rate-limit")
public record RateLimitProperties(@Valid @NotNull Bucket reads, @Valid @NotNull Bucket renders) {

    /**
     * @param replenishRate tokens added per second (the sustained rate)
     * @param burstCapacity bucket size (the largest burst)
     * @param requestedTokens tokens one request costs ({@code replenishRate} 1 and cost 60 = one request a minute)
     */
    public record Bucket(@Min(1) int replenishRate, @Min(1) int burstCapacity, @Min(1) int requestedTokens) {

        /**
         * The Redis script keeps a bucket for {@code floor(2 × burst / rate)} seconds: a burst below half the rate
         * would store nothing and silently disable the limit, and a cost above the burst could never be paid.
         */
        @AssertTrue(message = "burst-capacity must be at least replenish-rate and at least requested-tokens")
        public boolean isConsistent() {
            return burstCapacity >= replenishRate && burstCapacity >= requestedTokens;
        }
    }
}
