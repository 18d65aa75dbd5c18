package dev.lectern.common.outbox;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a message to the service's {@code outbox} table inside the caller's transaction, so the message exists if
 * and only if the business change committed. {@link OutboxRelay} publishes it later.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    public Outbox(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /** @return the message id (also the AMQP message id consumers deduplicate on) */
    public UUID append(String exchange, String routingKey, Object payload) {
        return appendJson(exchange, routingKey, payload.getClass().getSimpleName(),
                jsonMapper.writeValueAsString(payload));
    }

    /** A message already in its JSON form (a dead-lettered one being sent again), with its type name. */
    public UUID appendJson(String exchange, String routingKey, String messageType, String payloadJson) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction of the change it announces");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outbox (id, exchange, routing_key, message_type, payload, created_at)
                values (:id, :exchange, :routingKey, :type, :payload, :createdAt)
                """)
                .param("id", id)
                .param("exchange", exchange)
                .param("routingKey", routingKey)
                .param("type", messageType)
                .param("payload", payloadJson)
                .param("createdAt", java.sql.Timestamp.from(Instant.now()))
                .update();
        return id;
    }
}
