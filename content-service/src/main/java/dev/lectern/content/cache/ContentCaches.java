package dev.lectern.content.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.content.document.DocumentResponse;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The read caches, in two levels: in-process (Caffeine: small, short TTL) over Redis (Spring's {@code RedisCache} on
 * Lettuce, TTL per content type). A read looks in the local level, then Redis, then loads from PostgreSQL and fills
 * both. A write or delete evicts the entry from both levels here and publishes the eviction on a Redis channel so the
 * other replicas drop their local copies ({@link CacheEvictionListener}).
 *
 * <p>Redis failures never fail a read: the value is loaded from PostgreSQL, a metric is counted and one line logged
 * ({@link RedisAvailability}). Evictions that could not reach Redis during an outage are made good when it is back:
 * the first successful operation clears the Redis entries of this prefix and every local level.
 *
 * <p>Keys: {@code documents} {@code owner:id}; {@code document-lists} owner → map of query → page;
 * {@code flashcards}, {@code quizzes}, {@code study-packs} document id.
 */
public class ContentCaches {

    public static final String DOCUMENTS = "documents";
    public static final String DOCUMENT_LISTS = "document-lists";
    public static final String FLASHCARDS = "flashcards";
    public static final String QUIZZES = "quizzes";
    public static final String STUDY_PACKS = "study-packs";
    static final String CLEAR_ALL = "*";

    private final boolean enabled;
    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final RedisAvailability redis;
    private final StringRedisTemplate messages;
    private final String channel;

    ContentCaches(CacheProperties properties, RedisCacheManager redisCaches, RedisAvailability redis,
            StringRedisTemplate messages) {
        this.enabled = properties.enabled();
        this.redis = redis;
        this.messages = messages;
        this.channel = channel(properties);
        for (String name : new String[] {DOCUMENTS, DOCUMENT_LISTS, FLASHCARDS, QUIZZES, STUDY_PACKS}) {
            levels.put(name, new Level(Caffeine.newBuilder().expireAfterWrite(properties.local().ttl())
                    .maximumSize(properties.local().maximumSize()).build(), redisCaches.getCache(name)));
        }
    }

    static String channel(CacheProperties properties) {
        return properties.keyPrefix() + "evictions";
    }

    static Map<String, Duration> ttls(CacheProperties properties) {
        return Map.of(DOCUMENTS, properties.ttl().documents(), DOCUMENT_LISTS, properties.ttl().documents(),
                FLASHCARDS, properties.ttl().flashcards(), QUIZZES, properties.ttl().quizzes(),
                STUDY_PACKS, properties.ttl().quizzes());
    }

    public DocumentResponse document(String ownerId, UUID id, Supplier<DocumentResponse> loader) {
        return get(DOCUMENTS, ownerId + ":" + id, loader);
    }

    /** One owner's list pages live under one key, so a write drops them all with one eviction. */
    @SuppressWarnings("unchecked")
    public PageOf<DocumentResponse> documentList(String ownerId, String query,
            Supplier<PageOf<DocumentResponse>> loader) {
        if (!enabled) {
            return loader.get();
        }
        HashMap<String, PageOf<DocumentResponse>> pages = get(DOCUMENT_LISTS, ownerId, HashMap::new);
        PageOf<DocumentResponse> page = pages.get(query);
        if (page != null) {
            return page;
        }
        page = loader.get();
        HashMap<String, PageOf<DocumentResponse>> updated = new HashMap<>(pages);
        updated.put(query, page);
        put(DOCUMENT_LISTS, ownerId, updated);
        return page;
    }

    /** Study material of one document ({@link #FLASHCARDS}, {@link #QUIZZES}, {@link #STUDY_PACKS}). */
    public <T extends Serializable> T material(String cache, UUID documentId, Supplier<T> loader) {
        return get(cache, documentId.toString(), loader);
    }

    /** After a committed write or delete of a document: drop everything derived from it, here and on every replica. */
    public void documentChanged(String ownerId, UUID documentId) {
        evict(DOCUMENTS, ownerId + ":" + documentId);
        evict(DOCUMENT_LISTS, ownerId);
        evict(FLASHCARDS, documentId.toString());
        evict(QUIZZES, documentId.toString());
        evict(STUDY_PACKS, documentId.toString());
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String name, String key, Supplier<T> loader) {
        if (!enabled) {
            return loader.get();
        }
        Level level = levels.get(name);
        Object local = level.local().getIfPresent(key);
        if (local != null) {
            return (T) local;
        }
        if (redis.shouldTry()) {
            try {
                Cache.ValueWrapper stored = level.redis().get(key);
                boolean recovered = redisSucceeded();
                if (stored != null && stored.get() != null && !recovered) {
                    level.local().put(key, stored.get());
                    return (T) stored.get();
                }
            } catch (RuntimeException e) {
                redis.failed("get " + name, e);
            }
        }
        T value = loader.get();
        put(name, key, value);
        return value;
    }

    private void put(String name, String key, Object value) {
        if (value == null) {
            return;
        }
        Level level = levels.get(name);
        level.local().put(key, value);
        if (redis.shouldTry()) {
            try {
                level.redis().put(key, value);
                redisSucceeded();
            } catch (RuntimeException e) {
                redis.failed("put " + name, e);
            }
        }
    }

    private void evict(String name, String key) {
        if (!enabled) {
            return;
        }
        Level level = levels.get(name);
        level.local().invalidate(key);
        try {
            level.redis().evict(key);
            messages.convertAndSend(channel, name + "\n" + key);
            redisSucceeded();
        } catch (RuntimeException e) {
            redis.failed("evict " + name, e);
        }
    }

    /** Drops a local entry (an eviction message from a replica, or our own echo). */
    void evictLocal(String message) {
        if (CLEAR_ALL.equals(message)) {
            levels.values().forEach(level -> level.local().invalidateAll());
            return;
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            Level level = levels.get(message.substring(0, newline));
            if (level != null) {
                level.local().invalidate(message.substring(newline + 1));
            }
        }
    }

    /** @return true when this success ended an outage (and the caches were cleared) */
    private boolean redisSucceeded() {
        if (!redis.succeeded()) {
            return false;
        }
        levels.values().forEach(level -> {
            level.local().invalidateAll();
            level.redis().clear();
        });
        messages.convertAndSend(channel, CLEAR_ALL);
        return true;
    }

    private record Level(com.github.benmanes.caffeine.cache.Cache<Object, Object> local, Cache redis) {
    }
}
