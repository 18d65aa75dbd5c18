package dev.lectern.common.web;

/** One entry of a problem's {@code errors} list: the JSON path of the offending field and what is wrong with it. */
public record FieldError(String field, String message) {
}
