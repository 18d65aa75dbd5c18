package dev.lectern.common.web;

/** 416: the {@code Range} header is malformed or starts past the end; {@link #size()} goes into {@code Content-Range}. */
public class RangeNotSatisfiableException extends RuntimeException {

    private final long size;

    public RangeNotSatisfiableException(String detail, long size) {
        super(detail);
        this.size = size;
    }

    public long size() {
        return size;
    }
}
