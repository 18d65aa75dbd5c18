package dev.lectern.common.jobs;

import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.outbox.Outbox;
import dev.lectern.common.outbox.OutboxAutoConfiguration;
import jakarta.validation.constraints.NotNull;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

/** Job machinery for a job-owning service: on when {@code lectern.jobs.kind} names its kind. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnProperty("lectern.jobs.kind")
@EnableConfigurationProperties(JobsAutoConfiguration.JobsProperties.class)
public class JobsAutoConfiguration {

    /** @param kind the kind of job this service owns */
    @Validated
    @ConfigurationProperties("lectern.jobs")
    public record JobsProperties(@NotNull JobKind kind) {
    }

    @Bean
    JobStore jobStore(DataSource dataSource, JsonMapper jsonMapper, JobsProperties properties) {
        return new JobStore(JdbcClient.create(dataSource), jsonMapper, properties.kind());
    }

    @Bean
    JobService jobService(JobStore store, Outbox outbox, MessagingTopology topology,
            PlatformTransactionManager transactionManager, ObjectProvider<JobService.JobChangeListener> listeners) {
        JobService.JobChangeListener fanOut = job -> listeners.orderedStream().forEach(l -> l.jobChanged(job));
        return new JobService(store, outbox, topology, new TransactionTemplate(transactionManager), fanOut);
    }

    @Bean
    DeadLetters deadLetters(RabbitTemplate rabbit, ConfirmedPublisher publisher, JobService jobs, JsonMapper jsonMapper,
            MessagingTopology topology, JobsProperties properties) {
        return new DeadLetters(rabbit, publisher, jobs, jsonMapper, topology, properties.kind());
    }

    @Bean
    JobEventConsumer.Queue jobEventsQueue(MessagingTopology topology, JobsProperties properties) {
        return new JobEventConsumer.Queue(topology, properties.kind());
    }

    @Bean
    JobEventConsumer jobEventConsumer(JobService jobs) {
        return new JobEventConsumer(jobs);
    }
}
