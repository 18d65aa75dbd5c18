package dev.lectern.common.messaging;

import dev.lectern.common.jobs.JobKind;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declares the shared topology on every service that talks to RabbitMQ. Declaring the same durable objects from
 * publisher and consumer is idempotent and means no start-up order between services matters.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(RabbitTemplate.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    MessagingTopology messagingTopology(MessagingProperties properties) {
        return properties.topology();
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbitTemplate, MessagingProperties properties) {
        return new ConfirmedPublisher(rabbitTemplate, properties.confirmTimeout());
    }

    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    MessageConverter jacksonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper);
    }

    @Bean
    Declarables lecternTopology(MessagingTopology topology) {
        List<Declarable> declarables = new ArrayList<>();
        DirectExchange work = ExchangeBuilder.directExchange(topology.workExchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(topology.deadLetterExchange()).durable(true).build();
        TopicExchange events = ExchangeBuilder.topicExchange(topology.eventsExchange()).durable(true).build();
        declarables.add(work);
        declarables.add(deadLetters);
        declarables.add(events);
        declarables.add(ExchangeBuilder.topicExchange(topology.jobUpdatesExchange()).durable(true).build());
        for (JobKind kind : JobKind.values()) {
            Queue workQueue = QueueBuilder.durable(topology.workQueue(kind))
                    .deadLetterExchange(topology.deadLetterExchange())
                    .deadLetterRoutingKey(topology.workRoutingKey(kind))
                    .build();
            Queue deadLetterQueue = QueueBuilder.durable(topology.deadLetterQueue(kind)).build();
            Queue jobEvents = QueueBuilder.durable(topology.jobEventsQueue(kind)).build();
            declarables.add(workQueue);
            declarables.add(deadLetterQueue);
            declarables.add(jobEvents);
            declarables.add(bind(workQueue, work, topology.workRoutingKey(kind)));
            declarables.add(bind(deadLetterQueue, deadLetters, topology.workRoutingKey(kind)));
            declarables.add(BindingBuilder.bind(jobEvents).to(events).with(topology.jobEventsBinding(kind)));
            for (int retry = 0; retry < topology.retryDelays().size(); retry++) {
                declarables.add(QueueBuilder.durable(topology.retryQueue(kind, retry + 2))
                        .ttl((int) topology.retryDelays().get(retry).toMillis())
                        .deadLetterExchange(topology.workExchange())
                        .deadLetterRoutingKey(topology.workRoutingKey(kind))
                        .build());
            }
        }
        return new Declarables(declarables);
    }

    private static Binding bind(Queue queue, DirectExchange exchange, String routingKey) {
        return BindingBuilder.bind(queue).to(exchange).with(routingKey);
    }
}
