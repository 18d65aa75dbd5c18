package dev.lectern.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure of a servlet service to RFC 9457 problem+json with a stable {@code type}, the request path as
 * {@code instance} and the trace id; never a stack trace. Spring MVC's own exceptions (malformed JSON, wrong content
 * type, unknown path, wrong method) arrive through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String UPLOAD_RETRY_AFTER_SECONDS = "5";

    private final TraceIds traceIds;

    public ProblemDetailsAdvice(TraceIds traceIds) {
        this.traceIds = traceIds;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<Object> unprocessable(UnprocessableException e, WebRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION, "Invalid request", e.getMessage(),
                e.errors(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", e.getMessage(), e.errors(), request);
    }

    /** A range the video cannot satisfy: the size in {@code Content-Range} lets a player ask again (RFC 9110 15.5.17). */
    @ExceptionHandler(RangeNotSatisfiableException.class)
    ResponseEntity<Object> rangeNotSatisfiable(RangeNotSatisfiableException e, WebRequest request) {
        ResponseEntity<Object> response = problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                ProblemTypes.RANGE_NOT_SATISFIABLE, "Range not satisfiable", e.getMessage(), List.of(), request);
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.size())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException e, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad request",
                e.getMessage() + ": " + describe(e.errors()), e.errors(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Invalid parameter",
                "A request parameter is invalid: " + describe(errors), errors, request);
    }

    /**
     * The database (or another resource the request needs) is unreachable: retryable, not the caller's fault.
     * (JDBC's CannotGetJdbcConnectionException is a DataAccessResourceFailureException.)
     */
    @ExceptionHandler({CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, QueryTimeoutException.class})
    ResponseEntity<Object> resourceUnavailable(Exception e, WebRequest request) {
        log.warn("Dependency unavailable while serving {}: {}", path(request), e.getMessage());
        ResponseEntity<Object> response = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable", "The database is not reachable right now; try again shortly.", List.of(),
                request);
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure serving {}", path(request), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "The request could not be completed because of an error on our side. It has been logged.", List.of(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION, "Invalid request",
                "The request body is invalid: " + describe(errors), errors, request);
    }

    /**
     * Built-in method validation covers body and parameters at once: a body that fails is 422 (like
     * {@link #handleMethodArgumentNotValid}); only a bad header or query parameter is 400.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return methodValidation(e, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodValidationException(MethodValidationException e, HttpHeaders headers,
            HttpStatus status, WebRequest request) {
        return methodValidation(e, request);
    }

    private ResponseEntity<Object> methodValidation(MethodValidationResult e, WebRequest request) {
        List<FieldError> errors = new java.util.ArrayList<>();
        boolean bodyInvalid = false;
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bodyErrors
                    && result.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
                bodyInvalid = true;
                bodyErrors.getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(r -> errors.add(new FieldError(name, r.getDefaultMessage())));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return bodyInvalid
                ? problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION, "Invalid request",
                        "The request body is invalid: " + describe(errors), errors, request)
                : problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Invalid parameter",
                        "A request parameter is invalid: " + describe(errors), errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = jsonPath(e);
        if (field != null) {
            return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Malformed request body",
                    "The request body could not be read: " + field + " has the wrong type or shape.",
                    List.of(new FieldError(field, "has the wrong type or shape")), request);
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Malformed request body",
                "The request body could not be read as JSON of the expected shape. Check the syntax and field types.",
                List.of(), request);
    }

    /** Where in the body Jackson failed ({@code options.fps}, {@code storyboard.scenes[2]}), if it knows. */
    private static String jsonPath(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference step : jackson.getPath()) {
                    if (step.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
                    } else if (step.getIndex() >= 0) {
                        path.append('[').append(step.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    /**
     * Too large for this service's limits: 413. Spring also takes a failure whose message speaks of a "request" and
     * something "large" for this, and Tomcat's message for a part the file system refused to grow — "Processing of
     * multipart/form-data request failed. File too large" (EFBIG: a file-size limit on the server, below the upload
     * limit) — is one. That is the server's ({@link UploadFailures}): 503, but without {@code Retry-After}, since the
     * same body fails again on every instance configured alike.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (UploadFailures.serverSide(e)) {
            log.error("Upload to {} is within the upload limit but larger than this instance may write to its "
                    + "temporary storage (its file-size limit is set too low): {}", path(request),
                    e.getMostSpecificCause().toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "Upload could not be stored", "This service cannot write an upload this large to its temporary "
                            + "storage, so nothing was saved. Sending it again will not help until the service's "
                            + "configuration is fixed; a smaller file may go through.", List.of(), request);
        }
        return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                "The upload is larger than this service accepts.", List.of(), request);
    }

    /**
     * A multipart body that cannot be parsed (no boundary in the Content-Type, a truncated body): the client's
     * mistake, typically setting {@code Content-Type: multipart/form-data} by hand next to a FormData body. Too large
     * stays 413 above ({@link MaxUploadSizeExceededException} is the more specific handler). When the parts could not
     * be written to the temporary directory ({@link UploadFailures}), the server's: 503 with {@code Retry-After}.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException e, WebRequest request) {
        if (UploadFailures.serverSide(e)) {
            return uploadNotStored(e, request);
        }
        // The parser's own message is not echoed (it can name the server's paths, and speaks of "the request was
        // rejected"); the log keeps it.
        log.warn("Multipart body of {} could not be read: {}", path(request), e.getMostSpecificCause().toString());
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Malformed multipart body",
                "The multipart/form-data body could not be read: its Content-Type has no boundary, or the body is cut "
                        + "short or not multipart. Let the HTTP client set the Content-Type with its boundary, and send "
                        + "the whole body.", List.of(), request);
    }

    /**
     * Not the client's doing: this instance cannot write the parts to its temporary directory. Another instance (or
     * this one, once there is room again) can take the same request.
     */
    private ResponseEntity<Object> uploadNotStored(MultipartException e, WebRequest request) {
        log.error("Upload to {} could not be stored: {}", path(request), e.getMostSpecificCause().toString());
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Upload could not be stored", "This service could not write the upload to its temporary storage, "
                        + "so nothing was saved. Send the same request again in a few seconds.", List.of(), request);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, UPLOAD_RETRY_AFTER_SECONDS).body(problem.getBody());
    }

    /** Every Spring MVC exception ends here: give it our type, instance and trace id. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            decorate(problem, ProblemTypes.forStatus(status.value()), request);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }

    public ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
            List<FieldError> errors, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        decorate(problem, type, request);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private void decorate(ProblemDetail problem, URI type, WebRequest request) {
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(type);
        }
        problem.setInstance(URI.create(path(request)));
        String traceId = traceIds.current();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
    }

    private static String path(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getRequestURI();
        }
        return "/";
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
