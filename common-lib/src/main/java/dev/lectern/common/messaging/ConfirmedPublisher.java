package dev.lectern.common.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a message and waits for the broker's confirm, so the caller knows the broker has taken
 * responsibility for it (persistent message, routed to at least one queue) before it forgets the message.
 * Needs {@code spring.rabbitmq.publisher-confirm-type=correlated}, {@code publisher-returns=true} and a
 * mandatory template.
 */
public class ConfirmedPublisher {

    public static final String MESSAGE_TYPE_HEADER = "x-lectern-type";

    private final RabbitTemplate rabbitTemplate;
    private final Duration confirmTimeout;

    public ConfirmedPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
    }

    public void publishJson(String exchange, String routingKey, String messageId, String messageType, byte[] json) {
        Message message = MessageBuilder.withBody(json)
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setMessageId(messageId)
                .setHeader(MESSAGE_TYPE_HEADER, messageType)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        publish(exchange, routingKey, message);
    }

    public void publish(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
        rabbitTemplate.send(exchange, routingKey, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishNotConfirmedException("interrupted while waiting for the broker's confirm", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishNotConfirmedException("no confirm from the broker within " + confirmTimeout, e);
        }
        if (!confirm.ack()) {
            throw new PublishNotConfirmedException("broker refused the message: " + confirm.reason(), null);
        }
        if (correlation.getReturned() != null) {
            throw new PublishNotConfirmedException("message to " + exchange + "/" + routingKey
                    + " was not routed to any queue: " + correlation.getReturned().getReplyText(), null);
        }
    }

    public static class PublishNotConfirmedException extends RuntimeException {
        public PublishNotConfirmedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
