package dev.lectern.common.web;

import java.net.URI;

/** The stable {@code type} of each kind of error (docs/api). One constant per kind; never renamed. */
public final class ProblemTypes {

    private static final String BASE = "https://lectern.dev/problems/";

    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI BAD_REQUEST = URI.create(BASE + "bad-request");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI RANGE_NOT_SATISFIABLE = URI.create(BASE + "range-not-satisfiable");
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
    public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");
    public static final URI GATEWAY_TIMEOUT = URI.create(BASE + "gateway-timeout");
    public static final URI INTERNAL = URI.create(BASE + "internal");

    private ProblemTypes() {
    }

    /** The type for a status when no more specific kind applies. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 416 -> RANGE_NOT_SATISFIABLE;
            case 422 -> VALIDATION;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
