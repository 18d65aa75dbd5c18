package dev.lectern.worker.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.common.messaging.ConfirmedPublisher;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.testsupport.TestInfrastructure;
import dev.lectern.worker.avatar.speech.EspeakSpeechSynthesizer;
import dev.lectern.worker.avatar.speech.Speech;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's avatar path against real RabbitMQ, Redis, espeak-ng and FFmpeg: work message in, MP4 in storage,
 * SUCCEEDED event out; then the MP4 is probed and its mouth motion compared with its sound.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AvatarRenderingIntegrationTests {

    @TempDir
    static Path storageRoot;

    private static final String CACHE_PREFIX = "test:" + UUID.randomUUID() + ":avatar:landmarks:v1:";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "worker", false, true, true);
        registry.add("lectern.storage.type", () -> "filesystem");
        registry.add("lectern.storage.root", () -> storageRoot.toString());
        registry.add("lectern.avatar.landmark-key-prefix", () -> CACHE_PREFIX);
        registry.add("lectern.avatar.batch-window", () -> "1500ms");
    }

    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    MessagingTopology topology;
    @Autowired
    JsonMapper json;
    @Autowired
    ObjectStorage storage;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RabbitTemplate rabbit;

    private static byte[] samplePortrait;
    private final Map<UUID, JobEvent> finished = new ConcurrentHashMap<>();
    private final Map<UUID, List<Integer>> progressed = new ConcurrentHashMap<>();
    private String eventsQueue;

    @BeforeAll
    static void readSample() throws IOException {
        try (InputStream in = AvatarRenderingIntegrationTests.class.getResourceAsStream("/avatar/portrait-obama.jpg")) {
            samplePortrait = in.readAllBytes();
        }
    }

    @Test
    void rendersTextNarrationIntoAnMp4WithOneH264AndOneAacStreamAsLongAsTheSpeech(@TempDir Path tmp)
            throws Exception {
        String text = "Hello, I am your tutor. Today we learn how plants make sugar.";
        String sha = storePortrait(uniquePortrait());
        AvatarRenderRequested request = request(sha, text, 11L);

        JobEvent done = renderAndAwait(List.of(request)).getFirst();

        assertThat(done.type()).isEqualTo(JobEventType.SUCCEEDED);
        assertThat(progressed.get(request.jobId())).containsExactly(25, 50, 75);
        Map<String, Object> result = done.result();
        assertThat(result).containsEntry("width", 512).containsEntry("height", 512).containsEntry("fps", 25)
                .containsEntry("encoder", "libx264").containsEntry("facesFound", 1)
                .containsEntry("landmarksFromCache", false);
        Path mp4 = tmp.resolve("avatar.mp4");
        storage.download((String) result.get("objectKey"), mp4);
        assertThat(ContentAddress.sha256(mp4)).isEqualTo(result.get("sha256"));
        assertThat(((Number) result.get("sizeBytes")).longValue()).isEqualTo(Files.size(mp4));

        Speech expected = new EspeakSpeechSynthesizer("espeak-ng", Duration.ofSeconds(30)).synthesize(text, "en-us");
        Probe probe = Probe.of(mp4, mouthRegion(result));
        double frame = 1.0 / 25;
        assertThat(probe.streams()).isEqualTo(2);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.pixelFormatIsYuv420p()).isTrue();
        assertThat(probe.videoSeconds()).isCloseTo(expected.durationSeconds(), org.assertj.core.data.Offset
                .offset(frame));
        assertThat(probe.audioSeconds()).isCloseTo(expected.durationSeconds(), org.assertj.core.data.Offset
                .offset(frame));
        assertThat(((Number) result.get("durationSeconds")).doubleValue()).isCloseTo(expected.durationSeconds(),
                org.assertj.core.data.Offset.offset(0.001));

        // The mouth region's change against the first (silent) frame follows the loudness of the sound track.
        double r = pearson(probe.mouthChange(), probe.audioRmsPerFrame());
        System.out.printf("avatar probe: speech %.3f s, video %.3f s, audio %.3f s, mouth/envelope r = %.3f%n",
                expected.durationSeconds(), probe.videoSeconds(), probe.audioSeconds(), r);
        assertThat(r).as("correlation of mouth motion with audio envelope").isGreaterThan(0.6);
    }

    @Test
    void theSamePortraitTwiceTakesItsLandmarksFromTheCacheTheSecondTime() throws Exception {
        String sha = storePortrait(uniquePortrait());
        double cachedBefore = counter("lectern.avatar.landmarks", "cache");

        JobEvent first = renderAndAwait(List.of(request(sha, "First.", 1L))).getFirst();
        JobEvent second = renderAndAwait(List.of(request(sha, "Second.", 2L))).getFirst();

        assertThat(first.result()).containsEntry("landmarksFromCache", false);
        assertThat(second.result()).containsEntry("landmarksFromCache", true);
        assertThat(counter("lectern.avatar.landmarks", "cache") - cachedBefore).isEqualTo(1.0);
    }

    @Test
    void aBatchOfFourRequestsIsRenderedInOnePassWithOneDetection() throws Exception {
        String sha = storePortrait(uniquePortrait());
        double batchesBefore = metrics.counter("lectern.avatar.batches").count();
        double detectedBefore = counter("lectern.avatar.landmarks", "detected");
        List<AvatarRenderRequested> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(request(sha, "Request number " + (i + 1) + ".", i));
        }

        List<JobEvent> done = renderAndAwait(four);

        assertThat(done).allSatisfy(e -> assertThat(e.type()).isEqualTo(JobEventType.SUCCEEDED));
        assertThat(metrics.counter("lectern.avatar.batches").count() - batchesBefore).isEqualTo(1.0);
        assertThat(metrics.summary("lectern.avatar.batch.size").max()).isEqualTo(4.0);
        assertThat(counter("lectern.avatar.landmarks", "detected") - detectedBefore).isEqualTo(1.0);
    }

    @Test
    void anUploadedWavNarrationDrivesTheVideoAndSetsItsLength() throws Exception {
        String sha = storePortrait(uniquePortrait());
        int rate = 16_000;
        int samples = (int) (2.3 * rate);
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 3 * i / rate)); // three "syllables" a second
            wav.putShort((short) (12_000 * syllables * Math.sin(2 * Math.PI * 180 * i / rate)));
        }
        String audioKey = ContentAddress.key("narrations", ContentAddress.sha256(wav.array()), "wav");
        storage.put(audioKey, wav.array(), "audio/wav");
        AvatarRenderRequested request = new AvatarRenderRequested(AvatarRenderRequested.SCHEMA_VERSION,
                UUID.randomUUID(), "alice", Instant.now(), sha, ContentAddress.key("portraits", sha, "img"), null,
                null, audioKey, 256, 256, 30, 9L);

        JobEvent done = renderAndAwait(List.of(request)).getFirst();

        assertThat(done.type()).isEqualTo(JobEventType.SUCCEEDED);
        assertThat(done.result()).containsEntry("speechEngine", "upload").containsEntry("width", 256)
                .containsEntry("fps", 30).containsEntry("frames", 69);
        assertThat(((Number) done.result().get("durationSeconds")).doubleValue()).isEqualTo(2.3);
    }

    @Test
    void aPortraitWithoutAFaceFailsTheJobWithAClearReason() throws Exception {
        java.awt.image.BufferedImage flat = new java.awt.image.BufferedImage(300, 300,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(flat, "png", png);
        String sha = storePortrait(png.toByteArray());

        JobEvent done = renderAndAwait(List.of(request(sha, "Hello.", 5L))).getFirst();

        assertThat(done.type()).isEqualTo(JobEventType.FAILED);
        assertThat(done.error().type()).isEqualTo("https://lectern.dev/problems/no-face");
        assertThat(done.error().detail()).contains("No face");
    }

    @Test
    void anUnparseableWorkMessageGoesToTheDeadLetterQueue() {
        publisher.publishJson(topology.workExchange(), topology.workRoutingKey(JobKind.AVATAR),
                UUID.randomUUID().toString(), "AvatarRenderRequested", "{\"jobId\": 3}".getBytes());

        await().atMost(Duration.ofSeconds(20)).until(() -> Optional.ofNullable(
                rabbit.receive(topology.deadLetterQueue(JobKind.AVATAR))).isPresent());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private AvatarRenderRequested request(String sha, String text, long seed) {
        return new AvatarRenderRequested(AvatarRenderRequested.SCHEMA_VERSION, UUID.randomUUID(), "alice",
                Instant.now(), sha, ContentAddress.key("portraits", sha, "img"), text, null, null, 512, 512, 25, seed);
    }

    /** The sample with a few random bytes after the JPEG's end: decodes the same, hashes differently. */
    private static byte[] uniquePortrait() {
        byte[] tail = UUID.randomUUID().toString().getBytes();
        byte[] bytes = java.util.Arrays.copyOf(samplePortrait, samplePortrait.length + tail.length);
        System.arraycopy(tail, 0, bytes, samplePortrait.length, tail.length);
        return bytes;
    }

    private String storePortrait(byte[] bytes) throws IOException {
        String sha = ContentAddress.sha256(bytes);
        storage.put(ContentAddress.key("portraits", sha, "img"), bytes, "image/jpeg");
        return sha;
    }

    private double counter(String name, String source) {
        var c = metrics.find(name).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }

    private List<JobEvent> renderAndAwait(List<AvatarRenderRequested> requests) {
        ensureEventsQueue();
        for (AvatarRenderRequested r : requests) {
            publisher.publishJson(topology.workExchange(), topology.workRoutingKey(JobKind.AVATAR),
                    r.jobId().toString(), "AvatarRenderRequested", json.writeValueAsBytes(r));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Message m;
            while ((m = rabbit.receive(eventsQueue)) != null) {
                JobEvent e = json.readValue(m.getBody(), JobEvent.class);
                if (e.type() == JobEventType.SUCCEEDED || e.type() == JobEventType.FAILED) {
                    finished.put(e.jobId(), e);
                } else if (e.type() == JobEventType.PROGRESSED) {
                    progressed.computeIfAbsent(e.jobId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(e.progress());
                }
            }
            return requests.stream().allMatch(r -> finished.containsKey(r.jobId()));
        });
        return requests.stream().map(r -> finished.get(r.jobId())).toList();
    }

    private void ensureEventsQueue() {
        if (eventsQueue == null) {
            eventsQueue = topology.eventsExchange() + ".test-" + UUID.randomUUID();
            Queue queue = new Queue(eventsQueue, false, true, true);
            admin.declareQueue(queue);
            admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(topology.eventsExchange()))
                    .with("job.avatar.#"));
        }
    }

    @SuppressWarnings("unchecked")
    private static int[] mouthRegion(Map<String, Object> result) {
        Map<String, Object> m = (Map<String, Object>) result.get("mouthRegion");
        return new int[] {(int) m.get("x"), (int) m.get("y"), (int) m.get("width"), (int) m.get("height")};
    }

    static double pearson(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

    /** What FFmpeg finds in the MP4, computed independently of the renderer's own code. */
    record Probe(int streams, String videoCodec, String audioCodec, boolean pixelFormatIsYuv420p, double videoSeconds,
            double audioSeconds, double[] mouthChange, double[] audioRmsPerFrame) {

        static Probe of(Path mp4, int[] mouth) throws IOException {
            List<Double> change = new ArrayList<>();
            ShortBuffer audio = ShortBuffer.allocate(48_000 * 60);
            int streams;
            String vCodec;
            String aCodec;
            boolean yuv420p;
            double fps;
            int rate;
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile());
                    Java2DFrameConverter converter = new Java2DFrameConverter()) {
                grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
                grabber.setAudioChannels(1);
                grabber.start();
                streams = grabber.getFormatContext().nb_streams();
                vCodec = grabber.getVideoCodecName();
                aCodec = grabber.getAudioCodecName();
                yuv420p = grabber.getVideoStream() >= 0 && grabber.getFormatContext()
                        .streams(grabber.getVideoStream()).codecpar().format()
                        == org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
                fps = grabber.getFrameRate();
                rate = grabber.getSampleRate();
                int[] first = null;
                Frame f;
                while ((f = grabber.grab()) != null) {
                    if (f.image != null) {
                        int[] luma = luma(converter.convert(f), mouth);
                        if (first == null) {
                            first = luma;
                        }
                        double sum = 0;
                        for (int i = 0; i < luma.length; i++) {
                            sum += Math.abs(luma[i] - first[i]);
                        }
                        change.add(sum / luma.length);
                    } else if (f.samples != null) {
                        audio.put((ShortBuffer) f.samples[0]);
                    }
                }
            }
            int videoFrames = change.size();
            short[] samples = new short[audio.position()];
            audio.flip().get(samples);
            double[] rms = new double[videoFrames];
            for (int v = 0; v < videoFrames; v++) {
                int from = (int) ((long) v * rate / (long) fps);
                int to = (int) Math.min(samples.length, (long) (v + 1) * rate / (long) fps);
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += (samples[i] / 32768.0) * (samples[i] / 32768.0);
                }
                rms[v] = to > from ? Math.sqrt(s / (to - from)) : 0;
            }
            return new Probe(streams, vCodec, aCodec, yuv420p, videoFrames / fps, (double) samples.length / rate,
                    change.stream().mapToDouble(Double::doubleValue).toArray(), rms);
        }

        private static int[] luma(java.awt.image.BufferedImage image, int[] r) {
            int[] out = new int[r[2] * r[3]];
            for (int y = 0; y < r[3]; y++) {
                for (int x = 0; x < r[2]; x++) {
                    int rgb = image.getRGB(r[0] + x, r[1] + y);
                    out[y * r[2] + x] = (((rgb >> 16) & 255) * 299 + ((rgb >> 8) & 255) * 587 + (rgb & 255) * 114)
                            / 1000;
                }
            }
            return out;
        }
    }
}
