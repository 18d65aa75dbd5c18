package dev.lectern.content.cache;

import java.nio.charset.StandardCharsets;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/** Eviction messages from every replica (this one included) → drop the local copy. */
final class CacheEvictionListener implements MessageListener {

    private final ContentCaches caches;

    CacheEvictionListener(ContentCaches caches) {
        this.caches = caches;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        caches.evictLocal(new String(message.getBody(), StandardCharsets.UTF_8));
    }
}
