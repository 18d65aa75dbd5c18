package dev.lectern.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's own token-bucket script, held as text. The gateway's default bean reads it through a
 * {@code ResourceScriptSource}, which checks the resource's last-modified time on every call; inside a jar that check
 * throws (and fills the stack of) a {@code FileNotFoundException} per request, on the event loop. The script itself is
 * unchanged.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterScriptConfiguration {

    static final String SCRIPT_BEAN = "redisRequestRateLimiterScript";

    @Bean
    static BeanPostProcessor staticRateLimiterScript() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!SCRIPT_BEAN.equals(beanName) || !(bean instanceof RedisScript<?> script)) {
                    return bean;
                }
                try {
                    return new DefaultRedisScript<>(script.getScriptAsString(), List.class);
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(new IOException("Cannot read the rate limiter script", e));
                }
            }
        };
    }
}
