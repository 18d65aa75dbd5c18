package dev.lectern.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.worker.encoding.EncoderSettings;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Cache-key invariants: equal scenes and settings → equal keys; any change in content or settings → another key. */
class SceneCacheKeyProperties {

    @Provide
    Arbitrary<Scene> scenes() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Double> duration = Arbitraries.integers().between(1, 120).map(i -> i / 2.0);
        Arbitrary<Scene> title = Combinators.combine(text, text, duration).as((t, s, d) -> new Scene.Title(t, s, d, null));
        Arbitrary<Scene> bullets = Combinators.combine(text, text.list().ofMinSize(1).ofMaxSize(4), duration)
                .as((t, b, d) -> new Scene.Bullets(t, b, d, null));
        Arbitrary<Scene> flashcard = Combinators.combine(text, text, duration)
                .as((q, a, d) -> new Scene.Flashcard(q, a, d, null));
        return Arbitraries.oneOf(title, bullets, flashcard);
    }

    @Provide
    Arbitrary<EncoderSettings> settings() {
        return Combinators.combine(Arbitraries.of(640, 1280), Arbitraries.of(24, 25, 30),
                Arbitraries.of(RenderOptions.Quality.class))
                .as((w, fps, q) -> EncoderSettings.of("libx264", new RenderOptions(w, w * 9 / 16, fps, q), 1));
    }

    @Property(tries = 300)
    void equalScenesAndSettingsGiveEqualKeys(@ForAll("scenes") Scene scene, @ForAll("settings") EncoderSettings settings) {
        Scene copy = copyOf(scene);
        assertThat(copy).isNotSameAs(scene);
        assertThat(SceneCacheKey.of(copy, settings)).isEqualTo(SceneCacheKey.of(scene, settings));
    }

    @Property(tries = 300)
    void anyChangeInContentGivesAnotherKey(@ForAll("scenes") Scene scene, @ForAll("settings") EncoderSettings settings) {
        Scene changed = switch (scene) {
            case Scene.Title t -> new Scene.Title(t.title() + "!", t.subtitle(), t.durationSeconds(), null);
            case Scene.Bullets b -> {
                List<String> more = new ArrayList<>(b.bullets());
                more.set(0, more.get(0) + "x");
                yield new Scene.Bullets(b.title(), more, b.durationSeconds(), null);
            }
            case Scene.Flashcard f -> new Scene.Flashcard(f.question(), f.answer(), f.durationSeconds() + 0.5, null);
            default -> throw new IllegalStateException();
        };
        assertThat(SceneCacheKey.of(changed, settings)).isNotEqualTo(SceneCacheKey.of(scene, settings));
    }

    @Property(tries = 300)
    void anyChangeInSettingsGivesAnotherKey(@ForAll("scenes") Scene scene, @ForAll("settings") EncoderSettings a,
            @ForAll("settings") EncoderSettings b) {
        if (a.equals(b)) {
            assertThat(SceneCacheKey.of(scene, a)).isEqualTo(SceneCacheKey.of(scene, b));
        } else {
            assertThat(SceneCacheKey.of(scene, a)).isNotEqualTo(SceneCacheKey.of(scene, b));
        }
    }

    private static Scene copyOf(Scene scene) {
        return switch (scene) {
            case Scene.Title t -> new Scene.Title(new String(t.title()), t.subtitle(), t.durationSeconds(), t.narration());
            case Scene.Bullets b -> new Scene.Bullets(b.title(), new ArrayList<>(b.bullets()), b.durationSeconds(),
                    b.narration());
            case Scene.Flashcard f -> new Scene.Flashcard(f.question(), f.answer(), f.durationSeconds(), f.narration());
            default -> throw new IllegalStateException();
        };
    }
}
