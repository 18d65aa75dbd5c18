package dev.lectern.gateway.ratelimit;

/** How long a refused client should wait until its bucket holds enough tokens for one more request. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param remaining tokens left in the bucket (what {@code X-RateLimit-Remaining} says)
     * @param requested tokens one request costs
     * @param replenishRate tokens added per second
     * @return whole seconds, at least 1
     */
    public static long seconds(long remaining, long requested, long replenishRate) {
        if (replenishRate <= 0) {
            throw new IllegalArgumentException("replenishRate must be positive, was " + replenishRate);
        }
        long missing = Math.max(1, requested - Math.max(0, remaining));
        return Math.max(1, (missing + replenishRate - 1) / replenishRate);
    }
}
