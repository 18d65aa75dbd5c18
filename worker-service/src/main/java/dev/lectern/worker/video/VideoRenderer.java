package dev.lectern.worker.video;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.worker.encoding.EncoderSettings;
import dev.lectern.worker.encoding.SegmentEncoder;
import dev.lectern.worker.encoding.SegmentJoiner;
import dev.lectern.worker.render.SceneRenderer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders a storyboard: each scene to its own segment on a bounded pool (a cache hit skips the scene), with a
 * per-scene timeout, then joins the segments by stream copy. Plain Java, no Spring: the benchmark and the tests drive
 * it directly.
 */
public class VideoRenderer {

    private final ExecutorService pool;
    private final Duration sceneTimeout;
    private final SceneCache cache;
    private final String codec;
    private final int encoderThreads;

    public VideoRenderer(ExecutorService pool, Duration sceneTimeout, SceneCache cache, String codec,
            int encoderThreads) {
        this.pool = pool;
        this.sceneTimeout = sceneTimeout;
        this.cache = cache;
        this.codec = codec;
        this.encoderThreads = encoderThreads;
    }

    /** Told after each scene is ready (rendered or from cache): {@code done} of {@code total}. */
    @FunctionalInterface
    public interface Progress {
        void sceneReady(int done, int total);
    }

    public record RenderedVideo(Path file, int width, int height, int fps, int frames, double durationSeconds,
            String encoder, int scenesRendered, int scenesFromCache) {
    }

    public RenderedVideo render(Storyboard storyboard, RenderOptions options, Path workDir, Progress progress)
            throws IOException, InterruptedException {
        EncoderSettings settings = EncoderSettings.of(codec, options, encoderThreads);
        List<Scene> scenes = storyboard.scenes();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger fromCache = new AtomicInteger();
        List<Future<Path>> segments = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            Path segment = workDir.resolve("scene-" + i + ".mp4");
            segments.add(pool.submit(() -> {
                String key = SceneCacheKey.of(scene, settings);
                if (cache.fetch(key, segment)) {
                    fromCache.incrementAndGet();
                } else {
                    renderScene(scene, settings, segment);
                    cache.store(key, segment);
                }
                progress.sceneReady(done.incrementAndGet(), scenes.size());
                return segment;
            }));
        }
        List<Path> ready = new ArrayList<>();
        try {
            for (int i = 0; i < segments.size(); i++) {
                ready.add(await(segments.get(i), i));
            }
        } finally {
            segments.forEach(f -> f.cancel(true));
        }
        Path output = workDir.resolve("video.mp4");
        SegmentJoiner.join(ready, output);
        int frames = scenes.stream().mapToInt(s -> (int) Math.round(s.durationSeconds() * options.fps())).sum();
        return new RenderedVideo(output, options.width(), options.height(), options.fps(), frames,
                frames / (double) options.fps(), codec, scenes.size() - fromCache.get(), fromCache.get());
    }

    private Path await(Future<Path> segment, int index) throws IOException, InterruptedException {
        try {
            return segment.get(sceneTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SceneRenderException("scene " + index + " did not render within " + sceneTimeout, e);
        } catch (CancellationException e) {
            throw new SceneRenderException("scene " + index + " was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new SceneRenderException("scene " + index + " failed: " + cause.getMessage(), cause);
        }
    }

    /** Draws every frame of one scene and streams it to the encoder; memory does not grow with the scene's length. */
    static void renderScene(Scene scene, EncoderSettings settings, Path segment) throws IOException {
        SceneRenderer renderer = new SceneRenderer(scene, settings.width(), settings.height(), settings.fps());
        try (SegmentEncoder encoder = new SegmentEncoder(segment, settings)) {
            for (int frame = 0; frame < renderer.frameCount(); frame++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("rendering interrupted");
                }
                encoder.encode(renderer.image(), renderer.render(frame));
            }
        } finally {
            renderer.dispose();
        }
        if (Files.size(segment) == 0) {
            throw new SceneRenderException("the encoder wrote an empty segment", null);
        }
    }

    /** A scene could not be rendered (bad text, encoder failure, timeout): the job fails with this reason. */
    public static class SceneRenderException extends IOException {
        public SceneRenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
