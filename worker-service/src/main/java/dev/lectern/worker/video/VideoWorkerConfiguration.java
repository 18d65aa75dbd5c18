package dev.lectern.worker.video;

import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.worker.encoding.EncoderChoice;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VideoWorkerProperties.class)
class VideoWorkerConfiguration {

    /** Bounded: at most {@code poolSize} scenes render at once on this worker, whatever the queue holds. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService sceneRenderPool(VideoWorkerProperties properties) {
        return Executors.newFixedThreadPool(properties.effectivePoolSize(),
                Thread.ofPlatform().name("scene-render-", 0).daemon(true).factory());
    }

    @Bean
    SceneCache sceneCache(StringRedisTemplate redis, ObjectStorage storage, VideoWorkerProperties properties,
            MeterRegistry meters) {
        return new RedisSceneCache(redis, storage, properties.sceneCacheTtl(), meters);
    }

    @Bean
    VideoRenderer videoRenderer(ExecutorService sceneRenderPool, SceneCache sceneCache,
            VideoWorkerProperties properties, EncoderChoice encoder) {
        return new VideoRenderer(sceneRenderPool, properties.sceneTimeout(), sceneCache, encoder.codec(),
                properties.encoderThreads());
    }
}
