package dev.lectern.content.document;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Upload limits. The byte size limit of a multipart upload is {@code spring.servlet.multipart.max-file-size}
 * ({@code LECTERN_CONTENT_MAX_UPLOAD_SIZE}, default 20MB).
 *
 * @param maxTextChars longest text a document may hold (JSON upload, and extracted text of a file)
 * @param maxPdfPages  most pages a PDF may have
 * @param pdfParseTimeout longest a PDF may take to parse
 */
@Validated
@ConfigurationProperties("lectern.content.documents")
public record DocumentProperties(@Min(1) @Max(50_000_000) int maxTextChars, @Min(1) @Max(10_000) int maxPdfPages,
        @NotNull Duration pdfParseTimeout) {
}
