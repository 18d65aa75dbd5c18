package dev.lectern.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.worker.encoding.EncoderSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real rendering and encoding with FFmpeg (JavaCV), probed back with FFmpeg's demuxer. */
class VideoRendererTests {

    static final ExecutorService pool = Executors.newFixedThreadPool(2);

    static final Storyboard STORYBOARD = new Storyboard("Photosynthesis", List.of(
            new Scene.Title("Photosynthesis", "How plants turn light into sugar", 1.6, null),
            new Scene.Bullets("What goes in", List.of("Light", "Water", "Carbon dioxide"), 2, null),
            new Scene.Flashcard("What is a chloroplast?",
                    "An organelle found in plant cells that carries out photosynthesis", 2, null),
            new Scene.Quiz("Where does the Calvin cycle take place?", List.of("Stroma", "Nucleus", "Cell wall"), 0, 2,
                    null),
            new Scene.Summary("Summary", List.of("Light reactions make ATP", "The Calvin cycle makes sugar"), 1.6,
                    null)));

    @AfterAll
    static void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void rendersEveryScenePlaysAtTheAskedSizeAndRateAndLastsTheSumOfTheScenes(@TempDir Path work) throws Exception {
        RenderOptions options = new RenderOptions(640, 360, 25, RenderOptions.Quality.STANDARD);
        VideoRenderer renderer = new VideoRenderer(pool, Duration.ofMinutes(1), SceneCache.NONE, EncoderSelector.X264, 1);

        VideoRenderer.RenderedVideo video = renderer.render(STORYBOARD, options, work, (done, total) -> { });

        assertThat(video.scenesRendered()).isEqualTo(5);
        assertThat(video.frames()).isEqualTo(230);
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(video.file().toFile())) {
            probe.start();
            assertThat(probe.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
            assertThat(probe.getImageWidth()).isEqualTo(640);
            assertThat(probe.getImageHeight()).isEqualTo(360);
            assertThat(probe.getFrameRate()).isEqualTo(25.0);
            assertThat(probe.getLengthInTime() / 1_000_000.0).isCloseTo(9.2, org.assertj.core.data.Offset.offset(1 / 25.0));
            int frames = 0;
            while (probe.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(230);
            probe.stop();
        }
        // moov before mdat: a browser can start playing at once.
        byte[] head = Files.readAllBytes(video.file());
        String start = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(start.indexOf("moov")).isPositive().isLessThan(indexOf(head, "mdat"));
    }

    private static int indexOf(byte[] bytes, String box) {
        String all = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return all.indexOf(box);
    }
}
