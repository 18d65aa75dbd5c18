package dev.lectern.content.document;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** JSON upload of a text document. */
public record CreateDocumentRequest(@NotBlank @Size(max = 200) String title, @NotBlank String text) {
}
