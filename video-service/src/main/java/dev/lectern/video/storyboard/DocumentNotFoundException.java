package dev.lectern.video.storyboard;

import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import java.util.List;
import java.util.UUID;

/** The request names a document the caller does not have: the request is wrong (422), not the video service. */
public class DocumentNotFoundException extends UnprocessableException {

    public DocumentNotFoundException(UUID documentId) {
        super("No document " + documentId + " exists for you.",
                List.of(new FieldError("documentId", "names no document of yours")));
    }
}
