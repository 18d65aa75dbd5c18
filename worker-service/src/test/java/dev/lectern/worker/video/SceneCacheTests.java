package dev.lectern.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.testsupport.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scene cache on the real Redis and an S3 server: an unchanged scene is never rendered twice. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SceneCacheTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "worker", false, true, true);
        TestS3.shared().register(registry, "scenes-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("lectern.worker.encoder", () -> "libx264");
    }

    @Autowired
    VideoRenderer renderer;

    @Test
    void resubmittingRendersNothingAndChangingOneSceneRendersOne(@TempDir Path work) throws Exception {
        // A unique word keeps this storyboard's keys apart from every other run's.
        String run = UUID.randomUUID().toString();
        List<Scene> scenes = new ArrayList<>(List.of(
                new Scene.Title("Cache " + run, null, 0.5, null),
                new Scene.Bullets("Points", List.of("One", "Two"), 0.5, null),
                new Scene.Summary("Summary", List.of("Done"), 0.5, null)));
        RenderOptions options = new RenderOptions(640, 360, 24, RenderOptions.Quality.STANDARD);

        var cold = renderer.render(new Storyboard("Cache", scenes), options, Files.createDirectory(work.resolve("1")),
                (done, total) -> { });
        var warm = renderer.render(new Storyboard("Cache", scenes), options, Files.createDirectory(work.resolve("2")),
                (done, total) -> { });
        scenes.set(1, new Scene.Bullets("Points", List.of("One", "Three"), 0.5, null));
        var changed = renderer.render(new Storyboard("Cache", scenes), options, Files.createDirectory(work.resolve("3")),
                (done, total) -> { });

        assertThat(cold.scenesRendered()).isEqualTo(3);
        assertThat(warm.scenesRendered()).isZero();
        assertThat(warm.scenesFromCache()).isEqualTo(3);
        assertThat(changed.scenesRendered()).isEqualTo(1);
        assertThat(changed.scenesFromCache()).isEqualTo(2);
        // Same scenes from cache join into the very same file.
        assertThat(Files.readAllBytes(warm.file())).isEqualTo(Files.readAllBytes(cold.file()));
    }
}
