package dev.lectern.content.web;

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
 * A {@code @PreAuthorize} refusal inside a controller (a learner uploading) is 403 problem+json; common-lib's advice
 * would otherwise take it for an unexpected failure (500). Candidate for common-lib.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedAdvice {

    private final ProblemDetailsAdvice problems;

    AccessDeniedAdvice(ProblemDetailsAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        return problems.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your roles do not allow this request (uploading a document needs the AUTHOR or ADMIN role).",
                List.of(), request);
    }
}
