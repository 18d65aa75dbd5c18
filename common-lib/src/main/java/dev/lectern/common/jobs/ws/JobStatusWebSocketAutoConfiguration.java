package dev.lectern.common.jobs.ws;

import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.jobs.JobsAutoConfiguration;
import dev.lectern.common.messaging.MessagingTopology;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job-status WebSocket for a job-owning service, at {@code /ws/<kind>s}. Each replica declares its own
 * exclusive, auto-deleted queue on the job-updates exchange, so every replica hears every change.
 */
@AutoConfiguration(after = JobsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
@ConditionalOnProperty("lectern.jobs.kind")
@EnableWebSocket
public class JobStatusWebSocketAutoConfiguration {

    @Bean
    JobSnapshots jobSnapshots(RabbitTemplate rabbit, MessagingTopology topology, JsonMapper json) {
        return new JobSnapshots(rabbit, topology, json);
    }

    /** This replica's own queue: exclusive and auto-deleted, so it disappears with the replica. */
    @Bean
    Queue jobUpdatesInstanceQueue(MessagingTopology topology, JobsAutoConfiguration.JobsProperties jobs) {
        return QueueBuilder.nonDurable(topology.jobUpdatesExchange() + "." + jobs.kind().routingSegment() + "."
                + UUID.randomUUID()).exclusive().autoDelete().build();
    }

    @Bean
    Declarables jobUpdatesTopology(MessagingTopology topology, Queue jobUpdatesInstanceQueue,
            JobsAutoConfiguration.JobsProperties jobs) {
        TopicExchange updates = new TopicExchange(topology.jobUpdatesExchange(), true, false);
        Binding binding = BindingBuilder.bind(jobUpdatesInstanceQueue).to(updates)
                .with(jobs.kind().routingSegment() + ".#");
        return new Declarables(List.of(updates, binding));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService webSocketExpiries() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ws-expiry-", 0).factory());
    }

    @Bean
    JobStatusSocketHandler jobStatusSocketHandler(JobService jobs, JsonMapper json,
            ScheduledExecutorService webSocketExpiries) {
        return new JobStatusSocketHandler(jobs, json, webSocketExpiries);
    }

    @Bean
    JobUpdatesListener jobUpdatesListener(JobStatusSocketHandler handler) {
        return new JobUpdatesListener(handler);
    }

    @Bean
    WebSocketConfigurer jobStatusEndpoint(JobStatusSocketHandler handler, JobsAutoConfiguration.JobsProperties jobs) {
        return registry -> registry.addHandler(handler, "/ws/" + jobs.kind().routingSegment() + "s")
                .setAllowedOriginPatterns("*");
    }

    /** This replica's share of the job updates. */
    public static class JobUpdatesListener {

        private final JobStatusSocketHandler handler;

        JobUpdatesListener(JobStatusSocketHandler handler) {
            this.handler = handler;
        }

        @RabbitListener(queues = "#{@jobUpdatesInstanceQueue.name}")
        public void on(JobResponse job) {
            handler.deliver(job);
        }
    }
}
