package dev.lectern.common.web;

import java.util.List;

/** A request the caller must change before retrying (400), with the offending parameters named. */
public class BadRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public BadRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
