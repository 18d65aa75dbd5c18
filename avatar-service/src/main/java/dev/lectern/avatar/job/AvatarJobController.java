package dev.lectern.avatar.job;

import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.web.PageQuery;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and cancelling one's avatar jobs; submitting them arrives with the avatar renderer. */
@RestController
@RequestMapping("/api/avatars")
class AvatarJobController {

    private final JobService jobs;

    AvatarJobController(JobService jobs) {
        this.jobs = jobs;
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
}
