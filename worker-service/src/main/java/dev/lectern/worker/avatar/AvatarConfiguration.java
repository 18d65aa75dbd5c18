package dev.lectern.worker.avatar;

import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.worker.encoding.EncoderChoice;
import dev.lectern.worker.avatar.face.FaceDetector;
import dev.lectern.worker.avatar.face.LandmarkCache;
import dev.lectern.worker.avatar.speech.EspeakSpeechSynthesizer;
import dev.lectern.worker.avatar.speech.SpeechSynthesizer;
import dev.lectern.worker.avatar.speech.SpeechUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The avatar renderer's long-lived parts: cascades and speech engine loaded once per worker, one render pool. */
@Configuration(proxyBeanMethods = false)
class AvatarConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AvatarConfiguration.class);

    @Bean(destroyMethod = "close")
    FaceDetector faceDetector() {
        return new FaceDetector();
    }

    /**
     * A missing engine does not stop the worker (it also renders videos): it is logged now, and every text-narrated
     * avatar job fails at once with the reason instead of producing a silent video.
     */
    @Bean
    SpeechSynthesizer speechSynthesizer(AvatarProperties properties) {
        EspeakSpeechSynthesizer espeak = new EspeakSpeechSynthesizer(properties.espeakCommand(),
                properties.speechTimeout());
        try {
            log.info("Text to speech: {}", espeak.probe());
        } catch (SpeechUnavailableException e) {
            log.error("Text to speech unavailable, text-narrated avatar jobs will fail: {}", e.getMessage());
        }
        return espeak;
    }

    @Bean
    LandmarkCache landmarkCache(StringRedisTemplate redis, JsonMapper json, AvatarProperties properties) {
        return new LandmarkCache(redis, json, properties.landmarkKeyPrefix(), properties.landmarkTtl());
    }

    @Bean(destroyMethod = "close")
    AvatarRenderer avatarRenderer(FaceDetector detector, LandmarkCache cache, SpeechSynthesizer speech,
            ObjectStorage storage, AvatarProperties properties, EncoderChoice encoder, MeterRegistry metrics) {
        return new AvatarRenderer(detector, cache, speech, storage, properties, encoder.codec(), metrics);
    }

    /**
     * Consumer-side batching: the container collects up to {@code batchSize} messages, waiting at most
     * {@code batchWindow} for the next one, and calls the listener once with the list.
     */
    @Bean
    SimpleRabbitListenerContainerFactory avatarBatchContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            AvatarProperties properties) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(properties.batchSize());
        factory.setPrefetchCount(properties.batchSize());
        factory.setReceiveTimeout(properties.batchWindow().toMillis());
        factory.setBatchReceiveTimeout(properties.batchWindow().toMillis());
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        factory.setDefaultRequeueRejected(false);
        return factory;
    }
}
