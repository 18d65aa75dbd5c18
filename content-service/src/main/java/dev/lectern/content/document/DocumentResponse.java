package dev.lectern.content.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document as the API shows it (docs/api). */
public record DocumentResponse(UUID id, String title, String mediaType, long sizeBytes, String sha256,
        List<Section> sections, Instant createdAt) {

    /** A heading and the text under it; plain text is one section without a heading. */
    public record Section(String heading, String text) {
    }

    static DocumentResponse from(Document document) {
        return new DocumentResponse(document.getId(), document.getTitle(), document.getMediaType(),
                document.getSizeBytes(), document.getSha256(), List.of(new Section(null, document.getText())),
                document.getCreatedAt());
    }
}
