package dev.lectern.worker.video;

import com.rabbitmq.client.Channel;
import dev.lectern.common.jobs.JobEvent;
import dev.lectern.common.jobs.JobEventType;
import dev.lectern.common.jobs.JobKind;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.worker.events.JobEventPublisher;
import dev.lectern.worker.messaging.RawListenerConfiguration;
import dev.lectern.worker.messaging.RunningJobs;
import dev.lectern.worker.messaging.WorkFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes video work: renders the storyboard, stores the MP4 by its SHA-256, reports progress and the result. Manual
 * acks: the message is acked only once the outcome (success, a scheduled retry, or a dead letter) is safely with the
 * broker, so a worker killed mid-render leaves the message to be redelivered; the redelivery finds its scenes in the
 * cache and stores the same bytes under the same key, and video-service ignores the duplicate success.
 */
@Component
class VideoRenderListener {

    private static final Logger log = LoggerFactory.getLogger(VideoRenderListener.class);

    private final JsonMapper json;
    private final JobEventPublisher events;
    private final VideoRenderer renderer;
    private final ObjectStorage storage;
    private final WorkFailures failures;
    private final VideoWorkerProperties properties;
    private final MeterRegistry meters;
    private final RunningJobs runningJobs;

    VideoRenderListener(JsonMapper json, JobEventPublisher events, VideoRenderer renderer, ObjectStorage storage,
            WorkFailures failures, VideoWorkerProperties properties, MeterRegistry meters, RunningJobs runningJobs) {
        this.runningJobs = runningJobs;
        this.json = json;
        this.events = events;
        this.renderer = renderer;
        this.storage = storage;
        this.failures = failures;
        this.properties = properties;
        this.meters = meters;
    }

    @RabbitListener(queues = "#{@messagingTopology.workQueue(T(dev.lectern.common.jobs.JobKind).VIDEO)}",
            containerFactory = RawListenerConfiguration.FACTORY)
    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        VideoRenderRequested request;
        try {
            request = json.readValue(message.getBody(), VideoRenderRequested.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.error("Unparseable video work message {} dead-lettered: {}", message.getMessageProperties()
                    .getMessageId(), e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        int attempt = WorkFailures.attempt(message);
        runningJobs.started(request.jobId());
        try {
            render(request, attempt);
        } catch (Exception e) {
            if (runningJobs.wasCancelled(request.jobId())) {
                log.info("Job {} cancelled during its render; work dropped", request.jobId());
            } else {
                failures.handle(message, JobKind.VIDEO, request.jobId(), attempt, e);
            }
        } finally {
            runningJobs.finished(request.jobId());
        }
        channel.basicAck(tag, false);
    }

    private void render(VideoRenderRequested request, int attempt) throws IOException, InterruptedException {
        events.publish(JobEvent.of(request.jobId(), JobKind.VIDEO, JobEventType.STARTED, 0, attempt, null, null));
        Files.createDirectories(properties.workDir());
        Path work = Files.createTempDirectory(properties.workDir(), "job-" + request.jobId() + "-");
        AtomicInteger lastProgress = new AtomicInteger();
        Timer.Sample sample = Timer.start(meters);
        try {
            VideoRenderer.RenderedVideo video = renderer.render(request.storyboard(), request.options(), work,
                    (done, total) -> {
                        int progress = 5 + (int) (90L * done / total);
                        if (lastProgress.getAndAccumulate(progress, Math::max) < progress) {
                            events.publish(JobEvent.of(request.jobId(), JobKind.VIDEO, JobEventType.PROGRESSED,
                                    progress, attempt, null, null));
                        }
                    });
            String sha256 = ContentAddress.sha256(video.file());
            String objectKey = ContentAddress.key("videos", sha256, "mp4");
            if (!storage.exists(objectKey)) {
                storage.put(objectKey, video.file(), "video/mp4");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("durationSeconds", video.durationSeconds());
            result.put("width", video.width());
            result.put("height", video.height());
            result.put("fps", video.fps());
            result.put("frames", video.frames());
            result.put("encoder", video.encoder());
            result.put("scenesRendered", video.scenesRendered());
            result.put("scenesFromCache", video.scenesFromCache());
            result.put("sizeBytes", Files.size(video.file()));
            result.put("sha256", sha256);
            result.put("objectKey", objectKey);
            events.publish(JobEvent.of(request.jobId(), JobKind.VIDEO, JobEventType.SUCCEEDED, 100, attempt, result,
                    null));
            sample.stop(meters.timer("lectern.video.render", "encoder", video.encoder()));
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not clean {}: {}", folder, e.getMessage());
        }
    }
}
