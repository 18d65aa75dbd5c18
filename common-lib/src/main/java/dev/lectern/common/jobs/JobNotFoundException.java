package dev.lectern.common.jobs;

import dev.lectern.common.web.NotFoundException;
import java.util.UUID;

/** No such job for this caller (another user's job answers the same). */
public class JobNotFoundException extends NotFoundException {

    public JobNotFoundException(JobKind kind, UUID id) {
        super("No " + kind.routingSegment() + " job " + id + " exists for you.");
    }
}
