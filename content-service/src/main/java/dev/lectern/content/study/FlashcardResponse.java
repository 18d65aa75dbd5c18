package dev.lectern.content.study;

import java.io.Serializable;
import java.util.UUID;

/** A flashcard as the API shows it; {@code source} is the span of the document text it comes from. */
public record FlashcardResponse(UUID id, String front, String back, String kind, Source source)
        implements Serializable {

    public record Source(int start, int end) implements Serializable {
    }
}
