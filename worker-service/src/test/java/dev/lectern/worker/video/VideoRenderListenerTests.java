package dev.lectern.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The worker's side of the message path on the real RabbitMQ: work in, events out, poison to the DLQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class VideoRenderListenerTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "worker", false, true, true);
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    MessagingTopology topology;

    @Autowired
    JsonMapper json;

    @Test
    void consumesWorkAndReportsStartAndSuccess() {
        Queue events = QueueBuilder.nonDurable("worker-test-events-" + UUID.randomUUID()).build();
        assertThat(admin.declareQueue(events)).isNotNull();
        admin.declareBinding(new org.springframework.amqp.core.Binding(events.getName(),
                org.springframework.amqp.core.Binding.DestinationType.QUEUE, topology.eventsExchange(), "job.video.#",
                null));
        UUID jobId = UUID.randomUUID();
        rabbit.convertAndSend(topology.workExchange(), topology.workRoutingKey(JobKind.VIDEO),
                new VideoRenderRequested(1, jobId, "alice", Instant.now(), "Hello"));

        List<JobEvent> received = new ArrayList<>();
        while (received.size() < 2) {
            Message message = rabbit.receive(events.getName(), 10_000);
            assertThat(message).as("event from the worker").isNotNull();
            received.add(json.readValue(message.getBody(), JobEvent.class));
        }
        assertThat(received).extracting(JobEvent::type).containsExactly(JobEventType.STARTED, JobEventType.SUCCEEDED);
        assertThat(received).allSatisfy(e -> assertThat(e.jobId()).isEqualTo(jobId));
        admin.deleteQueue(events.getName());
    }

    @Test
    void anUnparseableMessageGoesStraightToTheDeadLetterQueue() {
        Message poison = MessageBuilder.withBody("{not json".getBytes()).setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId("poison-" + UUID.randomUUID()).build();
        rabbit.send(topology.workExchange(), topology.workRoutingKey(JobKind.VIDEO), poison);

        Message dead = rabbit.receive(topology.deadLetterQueue(JobKind.VIDEO), 10_000);
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody())).isEqualTo("{not json");
        assertThat(dead.getMessageProperties().getRedelivered()).isFalse();
    }
}
