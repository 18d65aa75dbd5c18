package dev.lectern.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.IOFileUploadException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

/**
 * What a client is told when Tomcat could not read an upload, through Spring's own multipart parsing (which turns
 * Tomcat's failure into {@link MaxUploadSizeExceededException} or {@link MultipartException} by its message) and
 * {@link ProblemDetailsAdvice}. The failures are built as Tomcat 11 builds them ({@code Request.parseParts},
 * {@code FileUploadBase}).
 */
class UploadProblemsTests {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(
            new TraceIds(new StaticListableBeanFactory().getBeanProvider(Tracer.class)));

    @Test
    void aPartTheServersFileSystemWouldNotLetGrowIsA503NotA413() throws Exception {
        // EFBIG (a file-size limit on the server) while Tomcat copied a part to its temporary file.
        IOException efbig = new IOException("File too large");
        MultipartException failure = springsParseFailure(new IOFileUploadException(
                "Processing of multipart/form-data request failed. File too large", efbig));
        // Spring reads "request" and "large" in the message as an upload over the size limit.
        assertThat(failure).isInstanceOf(MaxUploadSizeExceededException.class);

        ResponseEntity<Object> response = advice.handleException(failure, webRequest());

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        // A fixed limit of the server: the same body would fail again, so no invitation to retry.
        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).endsWith("/service-unavailable");
        assertThat(problem.getDetail()).contains("will not help");
    }

    @Test
    void anUploadOverTheLimitStaysA413() throws Exception {
        FileSizeLimitExceededException tooBig = new FileSizeLimitExceededException(
                "The field file exceeds its maximum permitted size of 26214400 bytes.", 26_300_000, 26_214_400);
        MultipartException failure = springsParseFailure(
                new InvalidParameterException(tooBig, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE));
        assertThat(failure).isInstanceOf(MaxUploadSizeExceededException.class);

        ResponseEntity<Object> response = advice.handleException(failure, webRequest());

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(((ProblemDetail) response.getBody()).getDetail())
                .isEqualTo("The upload is larger than this service accepts.");
    }

    @Test
    void aFullDiskIsA503() {
        MultipartException failure = springsParseFailure(new IOFileUploadException(
                "Processing of multipart/form-data request failed. No space left on device",
                new IOException("No space left on device")));
        assertThat(failure).isNotInstanceOf(MaxUploadSizeExceededException.class);

        // Not one of Spring MVC's own exceptions: the advice's @ExceptionHandler for MultipartException answers.
        ResponseEntity<Object> response = advice.unreadableMultipart(failure, webRequest());

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    /** What Spring's multipart request throws when the servlet container's {@code getParts()} fails so. */
    private static MultipartException springsParseFailure(Exception containerFailure) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/content/documents") {
            @Override
            public Collection<Part> getParts() throws IOException {
                if (containerFailure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) containerFailure;
            }
        };
        request.setContentType("multipart/form-data; boundary=lectern");
        MultipartException failure = catchThrowableOfType(MultipartException.class,
                () -> new StandardMultipartHttpServletRequest(request));
        assertThat(failure).as("Spring's multipart request refuses the body").isNotNull();
        return failure;
    }

    private static ServletWebRequest webRequest() {
        return new ServletWebRequest(new MockHttpServletRequest("POST", "/api/content/documents"));
    }
}
