package dev.lectern.common.security;

import dev.lectern.common.web.ProblemDetailsAdvice;
import dev.lectern.common.web.ProblemTypes;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * A {@code @PreAuthorize} refusal inside a controller (a learner uploading) is a 403 problem, not an unexpected
 * failure. Kept apart from {@link ProblemDetailsAdvice} because only the services with Spring Security load it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessDeniedAdvice {

    private final ProblemDetailsAdvice problems;

    public AccessDeniedAdvice(ProblemDetailsAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        return problems.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your roles do not allow this request (see docs/security.md for who may do what).", List.of(), request);
    }
}
