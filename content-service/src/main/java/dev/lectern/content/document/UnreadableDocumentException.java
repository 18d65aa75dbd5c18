package dev.lectern.content.document;

import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import java.util.List;

/** The upload is of a supported kind but cannot be used: empty, broken, encrypted, too many pages (422). */
class UnreadableDocumentException extends UnprocessableException {

    UnreadableDocumentException(String detail) {
        super(detail, List.of(new FieldError("file", detail)));
    }
}
