package dev.lectern.content.cache;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The two cache levels.
 *
 * @param enabled    off → every read goes to PostgreSQL (the benchmark's baseline)
 * @param keyPrefix  prefix of every Redis key and of the eviction channel; replicas of one deployment share it
 * @param local      the in-process level (Caffeine): its TTL bounds how stale a replica can be when an eviction
 *                   message is lost (Redis pub/sub down)
 * @param ttl        the Redis level's TTL per content type
 * @param redisRetry after a Redis failure, how long reads and writes skip Redis before trying again
 */
@Validated
@ConfigurationProperties("lectern.content.cache")
public record CacheProperties(boolean enabled, @NotBlank String keyPrefix, @Valid @NotNull Local local,
        @Valid @NotNull Ttl ttl, @NotNull Duration redisRetry) {

    public record Local(@NotNull Duration ttl, @Min(1) long maximumSize) {
    }

    public record Ttl(@NotNull Duration documents, @NotNull Duration flashcards, @NotNull Duration quizzes) {
    }
}
