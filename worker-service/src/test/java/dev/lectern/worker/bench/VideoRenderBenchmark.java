package dev.lectern.worker.bench;

import dev.lectern.common.storage.FilesystemObjectStorage;
import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.worker.encoding.EncoderSelector;
import dev.lectern.worker.encoding.EncoderSettings;
import dev.lectern.worker.render.SceneRenderer;
import dev.lectern.worker.video.RedisSceneCache;
import dev.lectern.worker.video.SceneCache;
import dev.lectern.worker.video.VideoRenderer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Rendering speed, measured against baselines in the same run (docs/performance.md, "Video"). Not part of the test
 * suite; run with:
 * <pre>
 * ./mvnw -B -pl worker-service test -Dtest=VideoRenderBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dlectern.bench.gateway=http://localhost:8080]   # adds POST-to-SUCCEEDED through a running platform
 * </pre>
 * Needs Redis on localhost (the scene cache) and the ffmpeg CLI (Debian package) for the encoder baseline.
 */
class VideoRenderBenchmark {

    static final RenderOptions HD = new RenderOptions(1280, 720, 30, RenderOptions.Quality.STANDARD);

    @Test
    void benchmark() throws Exception {
        Path work = Files.createTempDirectory("video-bench-");
        System.out.println("== Lectern video benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version") + ")");
        framePath(work);
        parallelAndCache(work);
        flatMemory(work);
        String gateway = System.getProperty("lectern.bench.gateway");
        if (gateway != null) {
            throughPlatform(gateway);
        }
    }

    /** 1. frames/s of scene → segment vs the ffmpeg CLI encoding the same frames with the same settings. */
    void framePath(Path work) throws Exception {
        Scene scene = new Scene.Bullets("Light-dependent reactions",
                List.of("Light excites chlorophyll", "Water is split, releasing oxygen", "ATP and NADPH are made",
                        "They feed the Calvin cycle"), 10, null);
        EncoderSettings settings = EncoderSettings.of(EncoderSelector.X264, HD, 1);
        int frames = (int) Math.round(scene.durationSeconds() * HD.fps());
        // Warm-up (JIT, native libraries), then the measured run.
        renderSegment(scene, settings, work.resolve("warm.mp4"));
        long start = System.nanoTime();
        renderSegment(scene, settings, work.resolve("ours.mp4"));
        double ours = frames / seconds(start);

        Path raw = work.resolve("frames.bgr");
        SceneRenderer renderer = new SceneRenderer(scene, HD.width(), HD.height(), HD.fps());
        try (OutputStream out = Files.newOutputStream(raw)) {
            for (int i = 0; i < frames; i++) {
                renderer.render(i);
                out.write(((DataBufferByte) renderer.image().getRaster().getDataBuffer()).getData());
            }
        }
        renderer.dispose();
        List<String> ffmpeg = List.of("ffmpeg", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24",
                "-s", HD.resolution(), "-r", String.valueOf(HD.fps()), "-i", raw.toString(), "-c:v", "libx264",
                "-preset", settings.preset(), "-crf", String.valueOf(settings.quality()), "-threads", "1",
                "-x264-params", "scenecut=0:open-gop=0", "-g", String.valueOf(HD.fps() * 2), "-pix_fmt", "yuv420p",
                work.resolve("cli.mp4").toString());
        run(ffmpeg);
        start = System.nanoTime();
        run(ffmpeg);
        double cli = frames / seconds(start);
        Files.delete(raw);
        System.out.printf("1. frame path, %d frames 720p30, x264 %s, 1 thread: ours %.1f frames/s (draw + encode), "
                + "ffmpeg CLI %.1f frames/s (encode only, same frames) -> %.2fx%n", frames, settings.preset(), ours, cli,
                ours / cli);
    }

    /** 2. six scenes, 30 s: pool of 2 vs 1 thread; 3. the same storyboard again from the scene cache vs cold. */
    void parallelAndCache(Path work) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Storyboard storyboard = new Storyboard("Photosynthesis " + run, List.of(
                new Scene.Title("Photosynthesis " + run, "How plants turn light into sugar", 4, null),
                new Scene.Bullets("What goes in", List.of("Light", "Water", "Carbon dioxide"), 6, null),
                new Scene.Flashcard("What is a chloroplast?",
                        "An organelle found in plant cells that carries out photosynthesis", 5, null),
                new Scene.Bullets("Light reactions", List.of("Split water", "Release oxygen", "Make ATP and NADPH"), 6,
                        null),
                new Scene.Quiz("Where does the Calvin cycle take place?", List.of("Stroma", "Nucleus", "Cell wall"), 0,
                        5, null),
                new Scene.Summary("Summary", List.of("Light becomes chemical energy", "Sugar is built in the stroma"),
                        4, null)));
        ExecutorService one = Executors.newFixedThreadPool(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            VideoRenderer serial = new VideoRenderer(one, Duration.ofMinutes(5), SceneCache.NONE, EncoderSelector.X264, 1);
            VideoRenderer parallel = new VideoRenderer(two, Duration.ofMinutes(5), SceneCache.NONE, EncoderSelector.X264, 1);
            serial.render(storyboard, HD, Files.createTempDirectory(work, "w"), (d, t) -> { });
            long start = System.nanoTime();
            serial.render(storyboard, HD, Files.createTempDirectory(work, "s"), (d, t) -> { });
            double serialSeconds = seconds(start);
            start = System.nanoTime();
            parallel.render(storyboard, HD, Files.createTempDirectory(work, "p"), (d, t) -> { });
            double parallelSeconds = seconds(start);
            System.out.printf("2. 6 scenes, 30 s, 720p30: 1 thread %.2f s, pool of 2 %.2f s -> %.2fx%n", serialSeconds,
                    parallelSeconds, serialSeconds / parallelSeconds);

            LettuceConnectionFactory redis = new LettuceConnectionFactory("127.0.0.1", 6379);
            redis.afterPropertiesSet();
            redis.start();
            try {
                SceneCache cache = new RedisSceneCache(new StringRedisTemplate(redis),
                        new FilesystemObjectStorage(work.resolve("store")), Duration.ofMinutes(10),
                        new SimpleMeterRegistry());
                VideoRenderer cached = new VideoRenderer(two, Duration.ofMinutes(5), cache, EncoderSelector.X264, 1);
                start = System.nanoTime();
                var cold = cached.render(storyboard, HD, Files.createTempDirectory(work, "c"), (d, t) -> { });
                double coldSeconds = seconds(start);
                start = System.nanoTime();
                var warm = cached.render(storyboard, HD, Files.createTempDirectory(work, "h"), (d, t) -> { });
                double warmSeconds = seconds(start);
                System.out.printf("3. same storyboard again: cold %.2f s (%d rendered), cache hit %.3f s (%d from cache)"
                        + " -> %.1fx faster%n", coldSeconds, cold.scenesRendered(), warmSeconds, warm.scenesFromCache(),
                        coldSeconds / warmSeconds);
            } finally {
                redis.destroy();
            }
        } finally {
            one.shutdownNow();
            two.shutdownNow();
        }
    }

    /** Memory stays flat with length: peak heap after rendering 10 s vs 10 min at 854x480. */
    void flatMemory(Path work) throws Exception {
        RenderOptions options = new RenderOptions(854, 480, 24, RenderOptions.Quality.STANDARD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            VideoRenderer renderer = new VideoRenderer(pool, Duration.ofMinutes(10), SceneCache.NONE,
                    EncoderSelector.X264, 1);
            for (int seconds : new int[] {10, 600}) {
                List<Scene> scenes = new ArrayList<>();
                for (int i = 0; i < seconds / 10; i++) {
                    scenes.add(new Scene.Bullets("Part " + i, List.of("Point A " + i, "Point B " + i), 10, null));
                }
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                var video = renderer.render(new Storyboard("Length " + seconds, scenes), options,
                        Files.createTempDirectory(work, "m"), (d, t) -> { });
                System.out.printf("   memory: %4d s video (%5d frames) rendered in %.1f s, peak heap used %d MB, "
                        + "max heap %d MB%n", seconds, video.frames(), seconds(start), peakHeap() / (1024 * 1024),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 4. POST-to-SUCCEEDED of the 30-second storyboard through a running platform (bin/lectern up). Every scene
     * carries this run's id, so nothing comes from the scene cache: a cold render.
     */
    void throughPlatform(String gateway) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String tokenJson = http.send(HttpRequest.newBuilder(URI.create(gateway + "/auth/dev-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench\",\"roles\":[\"LEARNER\"]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String token = tokenJson.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"storyboard":{"title":"Bench %1$s","scenes":[
                 {"type":"title","title":"Photosynthesis %1$s","subtitle":"How plants turn light into sugar","durationSeconds":4},
                 {"type":"bullets","title":"What goes in %1$s","bullets":["Light","Water","Carbon dioxide"],"durationSeconds":6},
                 {"type":"flashcard","question":"What is a chloroplast? %1$s","answer":"An organelle that carries out photosynthesis","durationSeconds":5},
                 {"type":"bullets","title":"Light reactions %1$s","bullets":["Split water","Release oxygen","Make ATP"],"durationSeconds":6},
                 {"type":"quiz","question":"Where does the Calvin cycle take place? %1$s","options":["Stroma","Nucleus","Cell wall"],"answerIndex":0,"durationSeconds":5},
                 {"type":"summary","title":"Summary %1$s","points":["Light becomes chemical energy","Sugar is built in the stroma"],"durationSeconds":4}]},
                 "options":{"resolution":"1280x720","fps":30,"quality":"standard"}}""".formatted(run);
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/videos"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        double acceptedMs = seconds(start) * 1000;
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String[] state = {""};
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    String job = http.send(HttpRequest.newBuilder(URI.create(gateway + location))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                            .body();
                    state[0] = job.replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1");
                    return state[0].equals("SUCCEEDED") || state[0].equals("FAILED");
                });
        System.out.printf("4. through the platform: 202 after %.0f ms, %s after %.2f s (POST to SUCCEEDED, 30 s of 720p30)%n",
                acceptedMs, state[0], seconds(start));
    }

    private static void renderSegment(Scene scene, EncoderSettings settings, Path output) throws IOException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            new VideoRenderer(pool, Duration.ofMinutes(5), SceneCache.NONE, settings.codec(), settings.threads())
                    .render(new Storyboard("bench", List.of(scene)), HD, Files.createTempDirectory(output.getParent(), "seg"),
                            (d, t) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("command failed: " + command);
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
