package dev.lectern.worker.avatar.face;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Landmarks by portrait SHA-256 in Redis, with a TTL. The key carries a version ({@code …:v1:}): a change to the
 * detector or to {@link FaceLandmarks} bumps it, so old entries are never misread. Redis being down only costs a
 * detection: the cache is an optimisation, never a reason to fail a job.
 */
public class LandmarkCache {

    private static final Logger log = LoggerFactory.getLogger(LandmarkCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String keyPrefix;
    private final Duration ttl;

    public LandmarkCache(StringRedisTemplate redis, JsonMapper json, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
    }

    public String key(String portraitSha256) {
        return keyPrefix + portraitSha256;
    }

    public Optional<FaceLandmarks> get(String portraitSha256) {
        try {
            String value = redis.opsForValue().get(key(portraitSha256));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, FaceLandmarks.class));
        } catch (DataAccessException | JacksonException e) {
            log.warn("Landmark cache read failed for {}: {}", portraitSha256, e.getMessage());
            return Optional.empty();
        }
    }

    public void put(String portraitSha256, FaceLandmarks landmarks) {
        try {
            redis.opsForValue().set(key(portraitSha256), json.writeValueAsString(landmarks), ttl);
        } catch (DataAccessException e) {
            log.warn("Landmark cache write failed for {}: {}", portraitSha256, e.getMessage());
        }
    }
}
