package dev.lectern.common.outbox;

import dev.lectern.common.messaging.ConfirmedPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows. Each pass claims a batch with {@code FOR UPDATE SKIP LOCKED} (replicas share the work and
 * never send the same row at once), publishes each row and waits for the broker's confirm, and marks a row published
 * only after its confirm. When the broker is down the rows stay unpublished and the next pass tries again: an accepted
 * job is never lost. A row may be sent twice (confirm lost after the broker took it); consumers deduplicate on the
 * message id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConfirmedPublisher publisher;
    private final OutboxProperties properties;
    private final TaskScheduler scheduler;
    private final Counter published;
    private final Counter failed;
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean brokerWasDown;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, ConfirmedPublisher publisher,
            OutboxProperties properties, TaskScheduler scheduler, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.properties = properties;
        this.scheduler = scheduler;
        this.published = Counter.builder("lectern.outbox.published").description("Outbox rows confirmed by the broker")
                .register(meters);
        this.failed = Counter.builder("lectern.outbox.publish.failures")
                .description("Outbox publish attempts without a positive confirm").register(meters);
    }

    /** Runs passes until the outbox is drained or a publish fails. */
    void drain() {
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == properties.batchSize());
        } catch (RuntimeException e) {
            // The scheduler must keep running whatever happens here; the rows stay and are retried next pass.
            log.warn("Outbox relay pass failed: {}", e.getMessage());
        }
    }

    /** One pass in one transaction. @return the number of rows published. */
    public int relayBatch() {
        Integer sent = transactions.execute(status -> {
            List<OutboxRow> rows = jdbc.sql("""
                    select id, exchange, routing_key, message_type, payload from outbox
                    where published_at is null order by created_at limit :limit for update skip locked
                    """)
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getObject("id", UUID.class), rs.getString("exchange"),
                            rs.getString("routing_key"), rs.getString("message_type"), rs.getString("payload")))
                    .list();
            int count = 0;
            for (OutboxRow row : rows) {
                try {
                    publisher.publishJson(row.exchange(), row.routingKey(), row.id().toString(), row.messageType(),
                            row.payload().getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    failed.increment();
                    jdbc.sql("update outbox set attempts = attempts + 1, last_error = :error where id = :id")
                            .param("error", String.valueOf(e.getMessage())).param("id", row.id()).update();
                    if (!brokerWasDown) {
                        log.warn("Outbox: could not publish {} ({}); it stays queued and is retried", row.id(),
                                e.getMessage());
                    }
                    brokerWasDown = true;
                    break;
                }
                jdbc.sql("update outbox set published_at = now(), attempts = attempts + 1, last_error = null where id = :id")
                        .param("id", row.id()).update();
                published.increment();
                count++;
            }
            if (count > 0 && brokerWasDown) {
                log.info("Outbox: broker reachable again, publishing resumed");
                brokerWasDown = false;
            }
            return count;
        });
        return sent == null ? 0 : sent;
    }

    /** Rows accepted but not yet confirmed by the broker. */
    public long pending() {
        return jdbc.sql("select count(*) from outbox where published_at is null").query(Long.class).single();
    }

    @Override
    public void start() {
        schedule = scheduler.scheduleWithFixedDelay(this::drain, properties.pollInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = schedule;
        if (current != null) {
            current.cancel(false);
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    private record OutboxRow(UUID id, String exchange, String routingKey, String messageType, String payload) {
    }
}
