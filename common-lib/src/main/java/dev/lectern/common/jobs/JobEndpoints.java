package dev.lectern.common.jobs;

import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.PageQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * The read side every job API shares (videos and avatars): get, list, cancel, the finished MP4, and the operators'
 * list of all jobs. A service's
 * controller extends it under its own {@code @RequestMapping} and adds how its jobs are submitted.
 */
public abstract class JobEndpoints {

    protected final JobService jobs;
    private final DeadLetters deadLetters;
    private final JobContent content;
    private final String basePath;

    protected JobEndpoints(JobService jobs, DeadLetters deadLetters, ObjectStorage storage, String basePath) {
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.content = new JobContent(storage);
        this.basePath = basePath;
    }

    /** {@code 202 Accepted}, {@code Location} of the job, the job as body. */
    protected ResponseEntity<JobResponse> accepted(Job job) {
        JobResponse body = JobResponse.from(job);
        return ResponseEntity.accepted().location(URI.create(basePath + "/" + body.id())).body(body);
    }

    @GetMapping("/{id}")
    public JobResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return JobResponse.from(jobs.get(caller.getSubject(), id));
    }

    @GetMapping
    public PagedModel<JobResponse> list(@AuthenticationPrincipal Jwt caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort) {
        var pageable = PageQuery.of(page, size, sort, Set.of("createdAt"), Sort.by(Sort.Direction.DESC, "createdAt"));
        return new PagedModel<>(jobs.list(caller.getSubject(), pageable).map(JobResponse::from));
    }

    /**
     * Operations: every user's jobs, newest first, optionally only those in one {@code state} (e.g. FAILED). ADMIN
     * only, here as at the gateway (docs/security.md); the owner is shown, which the user-facing list leaves out.
     */
    @GetMapping("/admin/jobs")
    @PreAuthorize("hasRole('ADMIN')")
    public PagedModel<AdminJobResponse> listAll(@RequestParam(required = false) JobState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) String sort) {
        var pageable = PageQuery.of(page, size, sort, Set.of("createdAt"), Sort.by(Sort.Direction.DESC, "createdAt"));
        return new PagedModel<>(jobs.listAll(state, pageable).map(AdminJobResponse::from));
    }

    /**
     * Operations: takes up to {@code limit} messages off this kind's dead-letter queue and starts their FAILED jobs
     * again (QUEUED, work re-sent through the outbox); messages of finished jobs are dropped, the rest stay. ADMIN only.
     * At most 200 per call, so one call ends well inside the gateway's response timeout for the route.
     */
    @PostMapping("/admin/dead-letters/replay")
    @PreAuthorize("hasRole('ADMIN')")
    public DeadLetters.Report replayDeadLetters(
            @RequestParam(defaultValue = "100") @Min(1) @Max(200) int limit) {
        return deadLetters.replay(limit);
    }

    /** The MP4: ETag (its SHA-256, If-None-Match → 304), byte ranges → 206, 409 before the job has succeeded. */
    @GetMapping("/{id}/content")
    public ResponseEntity<Resource> content(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            WebRequest request) throws IOException {
        return content.serve(jobs.get(caller.getSubject(), id), request);
    }

    /** Cancels a queued or running job; a finished job is returned unchanged. */
    @DeleteMapping("/{id}")
    public JobResponse cancel(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return JobResponse.from(jobs.cancel(caller.getSubject(), id));
    }
}
