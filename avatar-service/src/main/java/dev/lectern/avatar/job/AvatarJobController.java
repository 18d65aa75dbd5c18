package dev.lectern.avatar.job;

import dev.lectern.common.jobs.JobContent;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.core.io.Resource;
import org.springframework.web.context.request.WebRequest;

/** Avatar jobs: submit (text as JSON, or audio as multipart), read, list, cancel, and fetch the finished MP4. */
@RestController
@Validated
@RequestMapping("/api/avatars")
class AvatarJobController {

    private final JobService jobs;
    private final AvatarJobService avatars;
    private final JobContent content;

    AvatarJobController(JobService jobs, AvatarJobService avatars, ObjectStorage storage) {
        this.jobs = jobs;
        this.avatars = avatars;
        this.content = new JobContent(storage);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> createWithText(@AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @Valid @RequestBody CreateAvatarRequest request) {
        return accepted(avatars.submitText(caller.getSubject(), idempotencyKey, request));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobResponse> createWithAudio(@AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @RequestParam(required = false) UUID portraitId, @RequestPart("audio") MultipartFile audio,
            @RequestParam(required = false) String resolution, @RequestParam(required = false) Integer fps)
            throws IOException {
        return accepted(avatars.submitAudio(caller.getSubject(), idempotencyKey, portraitId, audio.getBytes(),
                resolution, fps));
    }

    private static ResponseEntity<JobResponse> accepted(JobService.Submitted submitted) {
        JobResponse body = JobResponse.from(submitted.job());
        return ResponseEntity.accepted().location(URI.create("/api/avatars/" + body.id())).body(body);
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

    @DeleteMapping("/{id}")
    JobResponse cancel(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return JobResponse.from(jobs.cancel(caller.getSubject(), id));
    }

    /** The MP4: ETag (its SHA-256, If-None-Match → 304), byte ranges → 206, 409 before the job has succeeded. */
    @GetMapping("/{id}/content")
    ResponseEntity<Resource> content(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id, WebRequest request)
            throws IOException {
        return content.serve(jobs.get(caller.getSubject(), id), request);
    }
}
