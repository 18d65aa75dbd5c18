package dev.lectern.content.document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The bytes are not a kind of document this service reads (415, {@code unsupported-media-type}). */
class UnsupportedContentException extends ErrorResponseException {

    UnsupportedContentException(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
        problem.setTitle("Unsupported document type");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
