package dev.lectern.worker.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Work listeners take the raw message and parse it themselves: a message that does not parse must be rejected to the
 * dead-letter queue by the listener, which a converting container would prevent (it fails before the listener runs).
 * Boot's settings (prefetch, concurrency) still apply; acks are manual, after the work is safely done.
 */
@Configuration(proxyBeanMethods = false)
public class RawListenerConfiguration {

    public static final String FACTORY = "rawWorkListenerFactory";

    @Bean(FACTORY)
    SimpleRabbitListenerContainerFactory rawWorkListenerFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connectionFactory) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setMessageConverter(new SimpleMessageConverter());
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        return factory;
    }
}
