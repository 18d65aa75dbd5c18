package dev.lectern.content.document;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document as the API shows it (docs/api/content.md). */
public record DocumentResponse(UUID id, String title, String mediaType, long sizeBytes, String sha256,
        List<Section> sections, Instant createdAt) implements Serializable {

    /** A heading and the text under it; plain text and PDF are one section without a heading. */
    public record Section(String heading, String text) implements Serializable {
    }
}
