package dev.lectern.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AvatarRenderRequestedTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void survivesAJsonRoundTripWithEveryField() {
        var message = new AvatarRenderRequested(AvatarRenderRequested.SCHEMA_VERSION, UUID.randomUUID(), "alice",
                Instant.parse("2026-11-29T14:00:00.123Z"), "ab".repeat(32), "portraits/ab/abab.png", "Hello there.",
                "en-us", null, 512, 512, 25, 42L);

        String text = json.writeValueAsString(message);

        assertThat(text).contains("\"schemaVersion\":1", "\"portraitSha256\"", "\"narrationText\":\"Hello there.\"");
        assertThat(json.readValue(text, AvatarRenderRequested.class)).isEqualTo(message);
    }

    @Test
    void carriesUploadedAudioInsteadOfText() {
        var message = new AvatarRenderRequested(1, UUID.randomUUID(), "bob", Instant.now(), "cd".repeat(32),
                "portraits/cd/cdcd.png", null, null, "narrations/ef/efef.wav", 512, 512, 25, 7L);

        var back = json.readValue(json.writeValueAsBytes(message), AvatarRenderRequested.class);

        assertThat(back.synthesised()).isFalse();
        assertThat(back.narrationAudioKey()).isEqualTo("narrations/ef/efef.wav");
    }

    @Test
    void refusesBothOrNeitherNarration() {
        assertThatThrownBy(() -> new AvatarRenderRequested(1, UUID.randomUUID(), "a", Instant.now(), "x", "k", "hi",
                null, "audio", 512, 512, 25, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AvatarRenderRequested(1, UUID.randomUUID(), "a", Instant.now(), "x", "k", " ",
                null, null, 512, 512, 25, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOddFrameSizes() {
        assertThatThrownBy(() -> new AvatarRenderRequested(1, UUID.randomUUID(), "a", Instant.now(), "x", "k", "hi",
                null, null, 511, 512, 25, 1L)).hasMessageContaining("even");
    }
}
