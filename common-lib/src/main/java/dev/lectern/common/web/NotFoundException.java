package dev.lectern.common.web;

/**
 * A resource that does not exist for the caller. Features extend it ({@code DocumentNotFoundException}); another
 * user's resource is reported the same way, so ids cannot be probed.
 */
public abstract class NotFoundException extends RuntimeException {

    protected NotFoundException(String message) {
        super(message);
    }
}
