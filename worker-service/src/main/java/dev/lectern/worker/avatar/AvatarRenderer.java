package dev.lectern.worker.avatar;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.worker.avatar.animation.AudioEnvelope;
import dev.lectern.worker.avatar.animation.FrameAnimator;
import dev.lectern.worker.avatar.animation.MotionPlan;
import dev.lectern.worker.avatar.animation.PortraitRig;
import dev.lectern.worker.avatar.face.FaceDetector;
import dev.lectern.worker.avatar.face.FaceLandmarks;
import dev.lectern.worker.avatar.face.LandmarkCache;
import dev.lectern.worker.avatar.speech.AudioDecoder;
import dev.lectern.worker.avatar.speech.Speech;
import dev.lectern.worker.avatar.speech.SpeechSynthesizer;
import dev.lectern.worker.avatar.speech.SpeechUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders avatar jobs, a batch at a time: each distinct portrait of the batch is fetched, decoded and given its
 * landmarks (Redis cache, else detection) once; then every job is synthesised, animated and encoded on one pool of
 * render threads, and its MP4 stored by SHA-256. Plain class: the listener feeds it, the tests and the benchmark
 * drive it directly.
 */
public class AvatarRenderer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AvatarRenderer.class);
    static final String PROBLEMS = "https://lectern.dev/problems/";

    private final FaceDetector detector;
    private final LandmarkCache cache;
    private final SpeechSynthesizer speech;
    private final ObjectStorage storage;
    private final AvatarProperties properties;
    private final String encoder;
    private final MeterRegistry metrics;
    private final ExecutorService pool;

    public AvatarRenderer(FaceDetector detector, LandmarkCache cache, SpeechSynthesizer speech, ObjectStorage storage,
            AvatarProperties properties, String encoder, MeterRegistry metrics) {
        this.encoder = encoder;
        this.detector = detector;
        this.cache = cache;
        this.speech = speech;
        this.storage = storage;
        this.properties = properties;
        this.metrics = metrics;
        this.pool = Executors.newFixedThreadPool(properties.threads(), Thread.ofPlatform().name("avatar-render-", 0)
                .daemon(true).factory());
    }

    /** What became of one job. */
    public sealed interface Outcome {
        UUID jobId();
    }

    public record Succeeded(UUID jobId, Map<String, Object> result) implements Outcome {
    }

    /** @param retryable a passing fault (storage, encoder resources): the work message should be retried */
    public record Failed(UUID jobId, String type, String detail, boolean retryable) implements Outcome {
    }

    /** Told how far a job's frames are (called from render threads). */
    @FunctionalInterface
    public interface Progress {
        void reached(AvatarRenderRequested request, int percent);

        Progress NONE = (request, percent) -> {
        };
    }

    /** Renders the jobs in one pass; outcomes in the order of the requests. */
    public List<Outcome> render(List<AvatarRenderRequested> batch) {
        return render(batch, Progress.NONE);
    }

    /** Renders the jobs in one pass, reporting progress at each quarter of a job's frames. */
    public List<Outcome> render(List<AvatarRenderRequested> batch, Progress progress) {
        metrics.counter("lectern.avatar.batches").increment();
        metrics.summary("lectern.avatar.batch.size").record(batch.size());
        Map<String, Prepared> portraits = new LinkedHashMap<>();
        Map<String, PortraitRig> rigs = new LinkedHashMap<>();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            List<Outcome> immediate = new ArrayList<>();
            for (AvatarRenderRequested request : batch) {
                Prepared prepared = portraits.computeIfAbsent(request.portraitSha256(), sha -> prepare(request));
                if (prepared.failure() != null) {
                    immediate.add(new Failed(request.jobId(), prepared.failure().type(), prepared.failure().detail(),
                            prepared.failure().retryable()));
                    futures.add(null);
                    continue;
                }
                PortraitRig rig = rigs.computeIfAbsent(request.portraitSha256() + "@" + request.width() + "x"
                        + request.height(), k -> PortraitRig.of(prepared.image(), prepared.landmarks(),
                                request.width(), request.height()));
                // x264 picks its own thread count (0 = auto): the frame generation of one job is single-threaded,
                // so concurrent jobs fill the cores an encoder alone leaves idle.
                int encoderThreads = 0;
                futures.add(pool.submit(() -> renderOne(request, rig, prepared, encoderThreads, progress)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            int failedIndex = 0;
            for (int i = 0; i < batch.size(); i++) {
                Future<Outcome> future = futures.get(i);
                if (future == null) {
                    outcomes.add(immediate.get(failedIndex++));
                    continue;
                }
                outcomes.add(await(future, batch.get(i).jobId()));
            }
            return outcomes;
        } finally {
            rigs.values().forEach(PortraitRig::close);
            portraits.values().forEach(Prepared::close);
        }
    }

    private record Prepared(Mat image, FaceLandmarks landmarks, boolean fromCache, Failed failure)
            implements AutoCloseable {
        @Override
        public void close() {
            if (image != null) {
                image.close();
            }
        }
    }

    private Prepared prepare(AvatarRenderRequested request) {
        byte[] bytes;
        try (InputStream in = storage.open(request.portraitKey())) {
            bytes = in.readAllBytes();
        } catch (ObjectStorage.ObjectNotFoundException e) {
            return failedPortrait(request, "portrait-missing", "The portrait " + request.portraitSha256()
                    + " is not in storage; upload it again.", false);
        } catch (IOException e) {
            return failedPortrait(request, "storage-unavailable", "Object storage could not be read: "
                    + e.getMessage(), true);
        }
        Mat image;
        try (Mat raw = new Mat(1, bytes.length, CV_8UC1, new BytePointer(bytes))) {
            image = imdecode(raw, IMREAD_COLOR);
        }
        if (image == null || image.empty()) {
            return failedPortrait(request, "portrait-unreadable", "The stored portrait cannot be decoded.", false);
        }
        Optional<FaceLandmarks> cached = cache.get(request.portraitSha256());
        if (cached.isPresent()) {
            metrics.counter("lectern.avatar.landmarks", "source", "cache").increment();
            return new Prepared(image, cached.get(), true, null);
        }
        Optional<FaceLandmarks> detected = detector.detect(image);
        metrics.counter("lectern.avatar.landmarks", "source", "detected").increment();
        if (detected.isEmpty()) {
            image.close();
            return failedPortrait(request, "no-face", "No face found in the portrait.", false);
        }
        cache.put(request.portraitSha256(), detected.get());
        return new Prepared(image, detected.get(), false, null);
    }

    private static Prepared failedPortrait(AvatarRenderRequested request, String kind, String detail,
            boolean retryable) {
        return new Prepared(null, null, false, new Failed(request.jobId(), PROBLEMS + kind, detail, retryable));
    }

    private Outcome await(Future<Outcome> future, UUID jobId) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(jobId, PROBLEMS + "render-failed", "Interrupted while rendering.", true);
        } catch (ExecutionException e) {
            log.error("Avatar job {} failed while rendering", jobId, e.getCause());
            return new Failed(jobId, PROBLEMS + "render-failed", "Rendering failed: " + e.getCause().getMessage(),
                    true);
        }
    }

    private Outcome renderOne(AvatarRenderRequested request, PortraitRig rig, Prepared portrait, int encoderThreads,
            Progress progress) throws IOException {
        Speech narration;
        long speechStart = System.nanoTime();
        try {
            narration = narration(request);
            stage("speech", System.nanoTime() - speechStart);
        } catch (SpeechUnavailableException e) {
            return new Failed(request.jobId(), PROBLEMS + "speech-unavailable", e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            return new Failed(request.jobId(), PROBLEMS + "narration-unreadable", "The narration audio cannot be "
                    + "used: " + e.getMessage(), false);
        } catch (ObjectStorage.ObjectNotFoundException e) {
            return new Failed(request.jobId(), PROBLEMS + "narration-missing", "The narration audio is not in "
                    + "storage; upload it again.", false);
        }
        if (narration.durationSeconds() > properties.maxNarrationSeconds()) {
            return new Failed(request.jobId(), PROBLEMS + "narration-too-long", "The narration lasts "
                    + Math.round(narration.durationSeconds()) + " s; at most " + properties.maxNarrationSeconds()
                    + " s are rendered.", false);
        }
        int fps = request.fps();
        int frames = AudioEnvelope.frameCount(narration, fps);
        double[] open = AudioEnvelope.mouthOpening(narration, fps, frames);
        MotionPlan motion = MotionPlan.of(request.seed(), fps, frames);
        Path file = Files.createTempFile("lectern-avatar-" + request.jobId(), ".mp4");
        try {
            short[] samples = narration.samples();
            int rate = narration.sampleRate();
            try (AvatarVideoWriter writer = new AvatarVideoWriter(file, rig.width(), rig.height(), fps,
                    encoder, properties.preset(), encoderThreads);
                    FrameAnimator animator = new FrameAnimator(rig)) {
                long animate = 0;
                long encode = 0;
                for (int f = 0; f < frames; f++) {
                    long t0 = System.nanoTime();
                    var image = animator.render(open[f], motion.blink()[f], motion.angleDegrees()[f],
                            motion.dx()[f], motion.dy()[f]);
                    long t1 = System.nanoTime();
                    writer.video(image);
                    int from = (int) Math.min(samples.length, (long) f * rate / fps);
                    int to = (int) Math.min(samples.length, (long) (f + 1) * rate / fps);
                    writer.audio(samples, from, to, rate);
                    animate += t1 - t0;
                    encode += System.nanoTime() - t1;
                    int quarter = 4 * (f + 1) / frames;
                    if (quarter > 4 * f / frames && quarter < 4) {
                        reportProgress(progress, request, quarter * 25);
                    }
                }
                stage("animate", animate);
                stage("encode", encode);
            }
            String sha = ContentAddress.sha256(file);
            String key = ContentAddress.key("avatars", sha, "mp4");
            long size = Files.size(file);
            storage.put(key, file, "video/mp4");
            int[] mouth = rig.mouthRegion();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("durationSeconds", Math.round(narration.durationSeconds() * 1000) / 1000.0);
            result.put("width", rig.width());
            result.put("height", rig.height());
            result.put("fps", fps);
            result.put("encoder", encoder);
            result.put("facesFound", portrait.landmarks().facesFound());
            result.put("landmarksFromCache", portrait.fromCache());
            result.put("sizeBytes", size);
            result.put("sha256", sha);
            result.put("objectKey", key);
            result.put("frames", frames);
            result.put("speechEngine", request.synthesised() ? speech.name() : "upload");
            result.put("mouthRegion", Map.of("x", mouth[0], "y", mouth[1], "width", mouth[2], "height", mouth[3]));
            metrics.summary("lectern.avatar.video.seconds").record(narration.durationSeconds());
            return new Succeeded(request.jobId(), result);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void reportProgress(Progress progress, AvatarRenderRequested request, int percent) {
        try {
            progress.reached(request, percent);
        } catch (RuntimeException e) {
            // progress is informative; a lost progress event must not fail the render
            log.warn("Progress of avatar job {} not reported: {}", request.jobId(), e.getMessage());
        }
    }

    /** Time per render stage (speech, animate, encode), summed over a job. */
    private void stage(String name, long nanos) {
        metrics.timer("lectern.avatar.stage", "stage", name).record(java.time.Duration.ofNanos(nanos));
    }

    private Speech narration(AvatarRenderRequested request) throws SpeechUnavailableException, IOException {
        if (request.synthesised()) {
            String voice = request.voice() == null || request.voice().isBlank() ? properties.defaultVoice()
                    : request.voice();
            return speech.synthesize(request.narrationText(), voice);
        }
        Path audio = Files.createTempFile("lectern-narration-" + request.jobId(), ".audio");
        try {
            storage.download(request.narrationAudioKey(), audio);
            return AudioDecoder.decode(audio, properties.maxNarrationSeconds());
        } finally {
            Files.deleteIfExists(audio);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
