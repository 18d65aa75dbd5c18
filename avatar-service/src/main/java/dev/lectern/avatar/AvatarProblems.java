package dev.lectern.avatar;

import dev.lectern.common.web.ProblemTypes;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Problems whose status has no exception of its own in common-lib (413, 415, 416). */
public final class AvatarProblems {

    private AvatarProblems() {
    }

    public static ErrorResponseException tooLarge(String detail) {
        return of(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail);
    }

    public static ErrorResponseException unsupported(String detail) {
        return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                detail);
    }

    public static ErrorResponseException of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
