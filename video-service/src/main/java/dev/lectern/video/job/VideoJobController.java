package dev.lectern.video.job;

import dev.lectern.common.jobs.JobContent;
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
class VideoJobController {

    private final JobService jobs;
    private final VideoRequestResolver requests;
    private final JobContent content;
    private final JsonMapper json;

    VideoJobController(JobService jobs, VideoRequestResolver requests, ObjectStorage storage, JsonMapper json) {
        this.jobs = jobs;
        this.requests = requests;
        this.content = new JobContent(storage);
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
                return accepted(JobResponse.from(existing.get()));
            }
        }
        VideoRequestResolver.ResolvedRequest resolved = requests.resolve(request, caller.getTokenValue());
        var submitted = jobs.submit(owner, idempotencyKey, json.writeValueAsString(resolved),
                jobId -> new VideoRenderRequested(VideoRenderRequested.SCHEMA_VERSION, jobId, owner, Instant.now(),
                        resolved.storyboard(), resolved.options()));
        return accepted(JobResponse.from(submitted.job()));
    }

    private static ResponseEntity<JobResponse> accepted(JobResponse body) {
        return ResponseEntity.accepted().location(URI.create("/api/videos/" + body.id())).body(body);
    }

    @GetMapping("/{id}")
    JobResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return JobResponse.from(jobs.get(caller.getSubject(), id));
    }

    @GetMapping
    PagedModel<JobResponse> list(@AuthenticationPrincipal Jwt caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort) {
        var pageable = PageQuery.of(page, size, sort, Set.of("createdAt"), Sort.by(Sort.Direction.DESC, "createdAt"));
        return new PagedModel<>(jobs.list(caller.getSubject(), pageable).map(JobResponse::from));
    }

    /** The MP4 of a finished job: ETag, {@code Range} → 206. */
    @GetMapping("/{id}/content")
    ResponseEntity<Resource> content(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id, WebRequest request)
            throws IOException {
        return content.serve(jobs.get(caller.getSubject(), id), request);
    }

    @DeleteMapping("/{id}")
    JobResponse cancel(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return JobResponse.from(jobs.cancel(caller.getSubject(), id));
    }
}
