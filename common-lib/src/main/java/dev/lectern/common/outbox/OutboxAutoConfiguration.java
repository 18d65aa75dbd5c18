package dev.lectern.common.outbox;

import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox for services that own jobs (video, avatar): on with {@code lectern.outbox.enabled=true}. */
@AutoConfiguration(after = MessagingAutoConfiguration.class,
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration"})
@ConditionalOnClass({RabbitTemplate.class, JdbcClient.class})
@ConditionalOnProperty(name = "lectern.outbox.enabled", havingValue = "true")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(DataSource dataSource, JsonMapper jsonMapper) {
        return new Outbox(JdbcClient.create(dataSource), jsonMapper);
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
            ConfirmedPublisher publisher, OutboxProperties properties, ObjectProvider<MeterRegistry> meters) {
        SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
        scheduler.setThreadNamePrefix("outbox-relay-");
        scheduler.setVirtualThreads(true);
        return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
                publisher, properties, scheduler,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
