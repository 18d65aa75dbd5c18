package dev.lectern.avatar.job;

import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Avatar jobs: submit (text as JSON, or audio as multipart), read, list, cancel, and fetch the finished MP4. */
@RestController
@Validated
@RequestMapping("/api/avatars")
class AvatarJobController {

    private final JobService jobs;
    private final AvatarJobService avatars;
    private final ObjectStorage storage;

    AvatarJobController(JobService jobs, AvatarJobService avatars, ObjectStorage storage) {
        this.jobs = jobs;
        this.avatars = avatars;
        this.storage = storage;
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

    /** The MP4, with {@code ETag} (its SHA-256) and single byte ranges (206). */
    @GetMapping("/{id}/content")
    ResponseEntity<StreamingResponseBody> content(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        AvatarJobService.Content content = avatars.content(caller.getSubject(), id);
        String etag = "\"" + content.sha256() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        long size = storage.size(content.objectKey()).orElseThrow(() -> new IOException("rendered video "
                + content.objectKey() + " is missing from storage"));
        Optional<ByteRange> requested;
        try {
            requested = ByteRange.parse(range, size);
        } catch (ByteRange.Unsatisfiable e) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size).build();
        }
        var builder = requested.isPresent() ? ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
                .header(HttpHeaders.CONTENT_RANGE, "bytes " + requested.get().first() + "-" + requested.get().last()
                        + "/" + size)
                : ResponseEntity.ok();
        long length = requested.map(ByteRange::length).orElse(size);
        StreamingResponseBody body = out -> {
            try (InputStream in = requested.isPresent()
                    ? storage.openRange(content.objectKey(), requested.get().first(), requested.get().last())
                    : storage.open(content.objectKey())) {
                in.transferTo(out);
            }
        };
        return builder.contentType(MediaType.parseMediaType("video/mp4")).contentLength(length).eTag(etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes").body(body);
    }
}
