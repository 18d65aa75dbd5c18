package dev.lectern.worker.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.FilesystemObjectStorage;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.worker.avatar.face.FaceDetector;
import dev.lectern.worker.avatar.face.LandmarkCache;
import dev.lectern.worker.avatar.speech.EspeakSpeechSynthesizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of the avatar renderer at 512×512, 25 fps: seconds of output video per second of wall-clock work, for
 * one request and for a batch of four, with four one-at-a-time renders measured in the same run as the baseline.
 * Not part of the normal test run (the name matches no surefire include); run it with
 * {@code ./mvnw -B -o -pl common-lib,worker-service test -Dtest=AvatarBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AvatarBenchmark {

    private static final String TEXT = "Photosynthesis is how plants turn light into sugar. The chloroplast "
            + "captures the light, and the Calvin cycle builds the sugar in the stroma.";

    @Test
    void printsSecondsOfVideoPerSecondOfWork() throws Exception {
        Path root = Files.createTempDirectory("lectern-avatar-bench");
        var endpoint = TestInfrastructure.redis();
        LettuceConnectionFactory redisFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                endpoint.host(), endpoint.port()));
        redisFactory.afterPropertiesSet();
        String prefix = "bench:" + UUID.randomUUID() + ":landmarks:v1:";
        AvatarProperties properties = new AvatarProperties("veryfast", Duration.ofMillis(400), 4, 0,
                prefix, Duration.ofMinutes(5), "espeak-ng", "en-us", Duration.ofSeconds(60), 300);
        var storage = new FilesystemObjectStorage(root);
        byte[] portrait;
        try (InputStream in = getClass().getResourceAsStream("/avatar/portrait-obama.jpg")) {
            portrait = in.readAllBytes();
        }
        String sha = ContentAddress.sha256(portrait);
        String key = ContentAddress.key("portraits", sha, "jpg");
        storage.put(key, portrait, "image/jpeg");
        StringRedisTemplate redis = new StringRedisTemplate(redisFactory);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (FaceDetector detector = new FaceDetector();
                AvatarRenderer renderer = new AvatarRenderer(detector, new LandmarkCache(redis,
                        JsonMapper.builder().build(), prefix, Duration.ofMinutes(5)),
                        new EspeakSpeechSynthesizer("espeak-ng", Duration.ofSeconds(60)), storage, properties, "libx264",
                        metrics)) {
            renderer.render(List.of(request(sha, key, 0))); // warm-up: natives, JIT, landmark cache

            double[] single = new double[3];
            double videoSeconds = 0;
            for (int i = 0; i < single.length; i++) {
                long t0 = System.nanoTime();
                var outcome = renderer.render(List.of(request(sha, key, i + 1))).getFirst();
                single[i] = (System.nanoTime() - t0) / 1e9;
                videoSeconds = seconds(outcome);
            }
            Arrays.sort(single);
            double singleWall = single[1];

            // Baseline and batch alternate over rounds, so a change in machine load hits both alike.
            int rounds = 2;
            double sequentialVideo = 0;
            double sequentialWall = 0;
            double batchVideo = 0;
            double batchWall = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 4; i++) {
                    sequentialVideo += seconds(renderer.render(List.of(request(sha, key, 10 + i))).getFirst());
                }
                sequentialWall += (System.nanoTime() - t0) / 1e9;
                List<AvatarRenderRequested> four = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    four.add(request(sha, key, 20 + i));
                }
                t0 = System.nanoTime();
                for (var outcome : renderer.render(four)) {
                    batchVideo += seconds(outcome);
                }
                batchWall += (System.nanoTime() - t0) / 1e9;
            }
            double singleRate = videoSeconds / singleWall;
            double sequentialRate = sequentialVideo / sequentialWall;
            double batchRate = batchVideo / batchWall;
            System.out.println();
            System.out.printf(Locale.ROOT, "AVATAR BENCHMARK  512x512 @25 fps, libx264 veryfast, %d cores, "
                    + "narration %.2f s (espeak-ng), load average %s%n", Runtime.getRuntime().availableProcessors(),
                    videoSeconds, loadAverage());
            System.out.printf(Locale.ROOT, "  one request        : %6.2f s wall -> %5.2f s video per s of work "
                    + "(%.1fx real time; SadTalker ~0.08x)%n", singleWall, singleRate, singleRate);
            System.out.printf(Locale.ROOT, "  4 one at a time x%d: %6.2f s wall -> %5.2f s video per s of work "
                    + "(baseline)%n", rounds, sequentialWall, sequentialRate);
            System.out.printf(Locale.ROOT, "  batch of 4 x%d     : %6.2f s wall -> %5.2f s video per s of work "
                    + "(%.2fx the baseline)%n", rounds, batchWall, batchRate, batchRate / sequentialRate);
            System.out.print("  stage time per job (all runs):");
            for (String stage : List.of("speech", "animate", "encode")) {
                var timer = metrics.find("lectern.avatar.stage").tag("stage", stage).timer();
                System.out.printf(Locale.ROOT, " %s %.2f s", stage, timer.mean(java.util.concurrent.TimeUnit.SECONDS));
            }
            System.out.println();
            assertThat(singleRate).as("real-time factor of one request").isGreaterThan(0);
        } finally {
            redisFactory.destroy();
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static AvatarRenderRequested request(String sha, String key, long seed) {
        return new AvatarRenderRequested(1, UUID.randomUUID(), "bench", Instant.now(), sha, key, TEXT, null, null,
                512, 512, 25, seed);
    }

    private static double seconds(AvatarRenderer.Outcome outcome) {
        if (outcome instanceof AvatarRenderer.Succeeded ok) {
            return ((Number) ok.result().get("durationSeconds")).doubleValue();
        }
        throw new AssertionError("render failed: " + outcome);
    }
}
