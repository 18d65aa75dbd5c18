package dev.lectern.avatar.job;

import dev.lectern.avatar.AvatarLimits;
import dev.lectern.avatar.AvatarProblems;
import dev.lectern.avatar.portrait.Portrait;
import dev.lectern.avatar.portrait.PortraitNotFoundException;
import dev.lectern.avatar.portrait.PortraitService;
import dev.lectern.common.jobs.Job;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.jobs.JobState;
import dev.lectern.common.messaging.AvatarRenderRequested;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.ProblemTypes;
import dev.lectern.common.web.UnprocessableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts avatar jobs: checks the narration (text length, or the uploaded audio's format, size and length) and the
 * portrait, stores uploaded audio by SHA-256, then hands the job to {@link JobService} (row + outbox message in one
 * transaction). Every check runs before the first write, so a refused request stores nothing.
 */
@Service
public class AvatarJobService {

    static final String DEFAULT_RESOLUTION = "512x512";
    static final int DEFAULT_FPS = 25;

    private final JobService jobs;
    private final PortraitService portraits;
    private final ObjectStorage storage;
    private final AvatarLimits limits;
    private final JsonMapper json;

    AvatarJobService(JobService jobs, PortraitService portraits, ObjectStorage storage, AvatarLimits limits,
            JsonMapper json) {
        this.jobs = jobs;
        this.portraits = portraits;
        this.storage = storage;
        this.limits = limits;
        this.json = json;
    }

    public JobService.Submitted submitText(String owner, String idempotencyKey, CreateAvatarRequest request) {
        String text = request.text().strip();
        if (text.length() > limits.maxNarrationChars()) {
            throw new UnprocessableException("The narration has " + text.length() + " characters; at most "
                    + limits.maxNarrationChars() + " are accepted (about " + limits.maxNarrationChars() / 14
                    + " s of speech).", List.of(new FieldError("text", "at most " + limits.maxNarrationChars()
                            + " characters")));
        }
        int[] size = resolution(request.resolution());
        int fps = request.fps() == null ? DEFAULT_FPS : request.fps();
        Portrait portrait = portrait(owner, request.portraitId());
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("portraitId", portrait.id());
        stored.put("text", text);
        stored.put("voice", request.voice());
        stored.put("resolution", size[0] + "x" + size[1]);
        stored.put("fps", fps);
        return jobs.submit(owner, idempotencyKey, json.writeValueAsString(stored),
                jobId -> new AvatarRenderRequested(AvatarRenderRequested.SCHEMA_VERSION, jobId, owner, Instant.now(),
                        portrait.sha256(), portrait.objectKey(), text, request.voice(), null, size[0], size[1], fps,
                        jobId.getMostSignificantBits()));
    }

    public JobService.Submitted submitAudio(String owner, String idempotencyKey, UUID portraitId, byte[] audio,
            String resolution, Integer fps) {
        if (portraitId == null) {
            throw new UnprocessableException("portraitId is required.", List.of(new FieldError("portraitId",
                    "must not be null")));
        }
        if (audio.length == 0) {
            throw new UnprocessableException("The narration audio is empty.", List.of(new FieldError("audio",
                    "must not be empty")));
        }
        if (audio.length > limits.maxAudioBytes()) {
            throw AvatarProblems.tooLarge("The narration audio is " + audio.length + " bytes; at most "
                    + limits.maxAudioBytes() + " are accepted.");
        }
        if (fps != null && (fps < 25 || fps > 30)) {
            throw new UnprocessableException("fps must be 25 to 30.", List.of(new FieldError("fps", "25..30")));
        }
        NarrationAudio.Inspected inspected;
        try {
            inspected = NarrationAudio.inspect(audio);
        } catch (NarrationAudio.NotAudioException e) {
            throw AvatarProblems.unsupported("The narration audio cannot be used: " + e.getMessage()
                    + ". Upload a PCM WAV or an MP3 file.");
        }
        if (inspected.seconds() > limits.maxNarrationSeconds()) {
            throw new UnprocessableException(String.format(java.util.Locale.ROOT,
                    "The narration lasts %.1f s; at most %d s are accepted.", inspected.seconds(),
                    limits.maxNarrationSeconds()), List.of(new FieldError("audio", "too long")));
        }
        if (inspected.seconds() < 0.2) {
            throw new UnprocessableException("The narration is shorter than 0.2 s.", List.of(new FieldError("audio",
                    "too short")));
        }
        int[] size = resolution(resolution);
        int frameRate = fps == null ? DEFAULT_FPS : fps;
        Portrait portrait = portrait(owner, portraitId);
        String sha = ContentAddress.sha256(audio);
        String key = ContentAddress.key("narrations", sha, inspected.format().extension);
        try {
            if (!storage.exists(key)) {
                storage.put(key, audio, inspected.format().mediaType);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("object storage refused the narration audio", e);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("portraitId", portrait.id());
        stored.put("audioSha256", sha);
        stored.put("audioSeconds", inspected.seconds());
        stored.put("resolution", size[0] + "x" + size[1]);
        stored.put("fps", frameRate);
        return jobs.submit(owner, idempotencyKey, json.writeValueAsString(stored),
                jobId -> new AvatarRenderRequested(AvatarRenderRequested.SCHEMA_VERSION, jobId, owner, Instant.now(),
                        portrait.sha256(), portrait.objectKey(), null, null, key, size[0], size[1], frameRate,
                        jobId.getMostSignificantBits()));
    }

    private Portrait portrait(String owner, UUID id) {
        try {
            return portraits.get(owner, id);
        } catch (PortraitNotFoundException e) {
            throw new UnprocessableException("portraitId " + id + " names no portrait of yours; upload one at "
                    + "/api/avatars/portraits first.", List.of(new FieldError("portraitId", "unknown portrait")));
        }
    }

    private int[] resolution(String requested) {
        String r = requested == null ? DEFAULT_RESOLUTION : requested;
        if (!limits.sizes().contains(r)) {
            throw new UnprocessableException("resolution " + r + " is not offered; choose one of "
                    + limits.sizes().stream().sorted().toList() + ".", List.of(new FieldError("resolution",
                            "one of " + limits.sizes().stream().sorted().toList())));
        }
        String[] parts = r.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
