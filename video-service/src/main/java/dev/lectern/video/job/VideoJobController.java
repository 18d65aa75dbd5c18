package dev.lectern.video.job;

import dev.lectern.common.jobs.DeadLetters;
import dev.lectern.common.jobs.JobEndpoints;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.storage.ObjectStorage;
import java.io.IOException;
import org.springframework.core.io.Resource;
import org.springframework.web.context.request.WebRequest;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.messaging.VideoRenderRequested;
import dev.lectern.common.web.PageQuery;
import dev.lectern.video.storyboard.VideoRequestResolver;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/videos")
class VideoJobController extends JobEndpoints {

    private final VideoRequestResolver requests;
    private final JsonMapper json;

    VideoJobController(JobService jobs, DeadLetters deadLetters, VideoRequestResolver requests, ObjectStorage storage,
            JsonMapper json) {
        super(jobs, deadLetters, storage, "/api/videos");
        this.requests = requests;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> create(@AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @RequestBody CreateVideoRequest request) {
        String owner = caller.getSubject();
        if (idempotencyKey != null) {
            var existing = jobs.findByIdempotencyKey(owner, idempotencyKey);
            if (existing.isPresent()) {
                return accepted(existing.get());
            }
        }
        VideoRequestResolver.ResolvedRequest resolved = requests.resolve(request, caller.getTokenValue());
        var submitted = jobs.submit(owner, idempotencyKey, json.writeValueAsString(resolved),
                jobId -> new VideoRenderRequested(VideoRenderRequested.SCHEMA_VERSION, jobId, owner, Instant.now(),
                        resolved.storyboard(), resolved.options()));
        return accepted(submitted.job());
    }
}
