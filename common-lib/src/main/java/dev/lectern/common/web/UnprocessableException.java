package dev.lectern.common.web;

import java.util.List;

/** Input that is well-formed but cannot be accepted (422), with the offending fields named. */
public class UnprocessableException extends RuntimeException {

    private final List<FieldError> errors;

    public UnprocessableException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
