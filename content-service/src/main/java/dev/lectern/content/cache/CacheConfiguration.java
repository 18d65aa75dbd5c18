package dev.lectern.content.cache;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    /** While Redis is unreachable, fail commands at once instead of queueing them until the command timeout. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    @Bean
    RedisAvailability redisAvailability(CacheProperties properties, MeterRegistry meters) {
        return new RedisAvailability(properties.redisRetry(), Clock.systemUTC(), meters);
    }

    @Bean
    ContentCaches contentCaches(CacheProperties properties, RedisConnectionFactory connections,
            RedisAvailability availability, StringRedisTemplate messages) {
        RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
                .prefixCacheNameWith(properties.keyPrefix())
                .serializeValuesWith(RedisSerializationContext.SerializationPair
                        .fromSerializer(RedisSerializer.java(ContentCaches.class.getClassLoader())));
        Map<String, RedisCacheConfiguration> perCache = new HashMap<>();
        ContentCaches.ttls(properties).forEach((name, ttl) -> perCache.put(name, defaults.entryTtl(ttl)));
        RedisCacheManager redis = RedisCacheManager
                .builder(RedisCacheWriter.nonLockingRedisCacheWriter(connections, BatchStrategies.scan(500)))
                .cacheDefaults(defaults).withInitialCacheConfigurations(perCache).build();
        redis.afterPropertiesSet();
        return new ContentCaches(properties, redis, availability, messages);
    }

    @Bean
    RedisMessageListenerContainer cacheEvictionMessages(RedisConnectionFactory connections, ContentCaches caches,
            CacheProperties properties) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(new CacheEvictionListener(caches),
                new ChannelTopic(ContentCaches.channel(properties)));
        // Started by EvictionSubscriber, which retries: Redis being down must not stop the service from starting.
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    EvictionSubscriber evictionSubscriber(RedisMessageListenerContainer cacheEvictionMessages,
            CacheProperties properties) {
        return new EvictionSubscriber(cacheEvictionMessages, properties.redisRetry());
    }
}
