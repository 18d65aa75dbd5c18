package dev.lectern.avatar.portrait;

import dev.lectern.common.web.NotFoundException;
import java.util.UUID;

public class PortraitNotFoundException extends NotFoundException {

    public PortraitNotFoundException(UUID id) {
        super("No portrait " + id + ".");
    }
}
