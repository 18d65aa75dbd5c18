package dev.lectern.content.document;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** JSON upload of a text document. */
public record CreateDocumentRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.WITHOUT_CONTROL_CHARACTERS, message = PlainText.MESSAGE)
        String title,
        @NotBlank @Pattern(regexp = PlainText.WITHOUT_CONTROL_CHARACTERS, message = PlainText.MESSAGE) String text) {
}
