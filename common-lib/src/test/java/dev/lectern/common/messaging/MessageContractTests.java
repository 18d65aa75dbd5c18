package dev.lectern.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every message contract survives a JSON round trip unchanged, and its wire names stay what consumers expect. */
class MessageContractTests {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void jobEventRoundTrips() {
        JobEvent event = JobEvent.of(UUID.randomUUID(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, 2,
                Map.of("encoder", "libx264", "scenesRendered", 3), null);
        String text = json.writeValueAsString(event);
        assertThat(json.readValue(text, JobEvent.class)).isEqualTo(event);
        assertThat(text).contains("\"schemaVersion\":1").contains("\"type\":\"SUCCEEDED\"").contains("\"kind\":\"VIDEO\"");
        assertThat(event.routingKey()).isEqualTo("job.video.succeeded");
    }

    @Test
    void failedEventCarriesItsReason() {
        JobEvent event = JobEvent.of(UUID.randomUUID(), JobKind.AVATAR, JobEventType.FAILED, 40, 3, null,
                new JobEvent.JobError("https://lectern.dev/problems/render-failed", "encoder crashed"));
        assertThat(json.readValue(json.writeValueAsString(event), JobEvent.class).error().detail())
                .isEqualTo("encoder crashed");
    }

    @Test
    void videoRenderRequestedRoundTrips() {
        Storyboard storyboard = new Storyboard("Photosynthesis", java.util.List.of(
                new Scene.Title("Photosynthesis", "How plants eat light", 3, "Welcome"),
                new Scene.Bullets("Inputs", java.util.List.of("Light", "Water", "CO2"), 4, null),
                new Scene.Flashcard("What is a chloroplast?", "An organelle", 5, null),
                new Scene.Quiz("Where does the Calvin cycle happen?", java.util.List.of("Stroma", "Nucleus"), 0, 5, null),
                new Scene.Summary("Summary", java.util.List.of("Light becomes sugar"), 3, null)));
        VideoRenderRequested message = new VideoRenderRequested(VideoRenderRequested.SCHEMA_VERSION, UUID.randomUUID(),
                "alice", Instant.parse("2026-11-29T10:00:00Z"), storyboard, RenderOptions.DEFAULT);
        String text = json.writeValueAsString(message);
        assertThat(json.readValue(text, VideoRenderRequested.class)).isEqualTo(message);
        assertThat(text).contains("\"type\":\"bullets\"").contains("\"quality\":\"STANDARD\"");
    }

    @Test
    void topologyNamesDeriveFromTheNamespace() {
        MessagingTopology topology = new MessagingTopology("lectern");
        assertThat(topology.workQueue(JobKind.VIDEO)).isEqualTo("lectern.work.video");
        assertThat(topology.deadLetterQueue(JobKind.AVATAR)).isEqualTo("lectern.work.avatar.dlq");
        assertThat(topology.eventsExchange()).isEqualTo("lectern.events");
        assertThat(topology.jobEventsQueue(JobKind.VIDEO)).isEqualTo("lectern.events.video.jobs");
    }
}
