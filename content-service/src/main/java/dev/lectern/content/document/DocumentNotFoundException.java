package dev.lectern.content.document;

import dev.lectern.common.web.NotFoundException;
import java.util.UUID;

class DocumentNotFoundException extends NotFoundException {

    DocumentNotFoundException(UUID id) {
        super("No document " + id + " exists for you.");
    }
}
