package dev.lectern.worker.video;

import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The scene cache: the index in Redis (key → object, with a TTL), the segment bytes in object storage. When Redis is
 * unreachable the cache is simply missed (and counted): rendering never fails because of the cache.
 */
public class RedisSceneCache implements SceneCache {

    private static final Logger log = LoggerFactory.getLogger(RedisSceneCache.class);
    static final String INDEX_PREFIX = "lectern:scene-cache:v1:";

    private final StringRedisTemplate redis;
    private final ObjectStorage storage;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final Counter unavailable;

    public RedisSceneCache(StringRedisTemplate redis, ObjectStorage storage, Duration ttl, MeterRegistry meters) {
        this.redis = redis;
        this.storage = storage;
        this.ttl = ttl;
        this.hits = Counter.builder("lectern.scene.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("lectern.scene.cache").tag("result", "miss").register(meters);
        this.unavailable = Counter.builder("lectern.scene.cache").tag("result", "unavailable").register(meters);
    }

    @Override
    public boolean fetch(String key, Path target) throws IOException {
        String objectKey;
        try {
            objectKey = redis.opsForValue().get(INDEX_PREFIX + key);
        } catch (DataAccessException e) {
            unavailable.increment();
            log.warn("Scene cache index unreachable, rendering instead: {}", e.getMessage());
            return false;
        }
        if (objectKey == null) {
            misses.increment();
            return false;
        }
        try {
            storage.download(objectKey, target);
        } catch (ObjectStorage.ObjectNotFoundException e) {
            // The index outlived the bytes: forget the entry, render again.
            redis.delete(INDEX_PREFIX + key);
            misses.increment();
            return false;
        }
        hits.increment();
        return true;
    }

    @Override
    public void store(String key, Path segment) throws IOException {
        String objectKey = ContentAddress.key("scenes", key, "mp4");
        storage.put(objectKey, segment, "video/mp4");
        try {
            redis.opsForValue().set(INDEX_PREFIX + key, objectKey, ttl);
        } catch (DataAccessException e) {
            unavailable.increment();
            log.warn("Scene cache index unreachable, scene not indexed: {}", e.getMessage());
        }
    }
}
