package dev.lectern.video.storyboard;

import dev.lectern.common.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** content-service cannot be reached (down, timing out, or its circuit is open): retry later (503). */
public class ContentUnavailableException extends ErrorResponseException {

    public ContentUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set("Retry-After", "10");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "content-service is not reachable right now, so the document cannot be read; try again shortly.");
        problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
        problem.setTitle("Service unavailable");
        return problem;
    }
}
