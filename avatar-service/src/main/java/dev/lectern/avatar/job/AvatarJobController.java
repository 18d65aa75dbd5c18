package dev.lectern.avatar.job;

import dev.lectern.common.jobs.DeadLetters;
import dev.lectern.common.jobs.JobEndpoints;
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
class AvatarJobController extends JobEndpoints {

    private final AvatarJobService avatars;

    AvatarJobController(JobService jobs, DeadLetters deadLetters, AvatarJobService avatars, ObjectStorage storage) {
        super(jobs, deadLetters, storage, "/api/avatars");
        this.avatars = avatars;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> createWithText(@AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @Valid @RequestBody CreateAvatarRequest request) {
        return accepted(avatars.submitText(caller.getSubject(), idempotencyKey, request).job());
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobResponse> createWithAudio(@AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            @RequestParam(required = false) UUID portraitId, @RequestPart("audio") MultipartFile audio,
            @RequestParam(required = false) String resolution, @RequestParam(required = false) Integer fps)
            throws IOException {
        return accepted(avatars.submitAudio(caller.getSubject(), idempotencyKey, portraitId, audio.getBytes(),
                resolution, fps).job());
    }
}
