package dev.lectern.content.document;

import java.util.List;

/**
 * What a document says, as sections. {@link #text()} is the canonical text the study material's source spans point
 * into: the sections' texts joined by a blank line (headings are not part of it).
 */
record ExtractedText(MediaKind kind, List<DocumentResponse.Section> sections) {

    static final String SECTION_SEPARATOR = "\n\n";

    ExtractedText {
        sections = List.copyOf(sections);
    }

    String text() {
        return sections.stream().map(DocumentResponse.Section::text)
                .reduce((a, b) -> a + SECTION_SEPARATOR + b).orElse("");
    }
}
