package dev.lectern.worker.messaging;

import dev.lectern.common.messaging.MessagingTopology;
import java.util.UUID;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
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

    /** This worker's own queue of job changes (it only acts on cancellations; see {@link RunningJobs}). */
    @Bean
    Queue workerJobUpdatesQueue(MessagingTopology topology) {
        return QueueBuilder.nonDurable(topology.jobUpdatesExchange() + ".worker." + UUID.randomUUID()).exclusive()
                .autoDelete().build();
    }

    @Bean
    Binding workerJobUpdatesBinding(Queue workerJobUpdatesQueue, MessagingTopology topology) {
        return BindingBuilder.bind(workerJobUpdatesQueue)
                .to(new TopicExchange(topology.jobUpdatesExchange(), true, false)).with("#");
    }

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
