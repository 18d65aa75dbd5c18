package dev.lectern.common.web;

import java.util.List;

/** The request is valid but the resource's current state does not allow it (409). */
public class ConflictException extends RuntimeException {

    private final List<FieldError> errors;

    public ConflictException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
