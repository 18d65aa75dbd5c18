package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.common.web.UnprocessableException;
import org.junit.jupiter.api.Test;

/** Where an upload's title comes from, and that none can carry what PostgreSQL cannot store. */
class DocumentTitleTests {

    private static final ExtractedText NO_HEADINGS = TextExtractor.ofText("Plain words without a heading.");

    @Test
    void aTitleFromTheFileNameLosesItsExtensionAndControlCharacters() {
        // A browser can send filename*=UTF-8''notes%00v2.txt: Spring decodes the NUL into the name.
        assertThat(DocumentService.titleFor(null, "notes\u0000 v2.txt", NO_HEADINGS)).isEqualTo("notes v2");
        assertThat(DocumentService.titleFor(null, "\u0001\u0002.txt", NO_HEADINGS)).isEqualTo("Untitled");
    }

    @Test
    void aGivenTitleWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> DocumentService.titleFor("a\u0000b", "notes.txt", NO_HEADINGS))
                .isInstanceOf(UnprocessableException.class).hasMessage("The title contains control characters.");
    }
}
