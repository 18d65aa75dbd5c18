package dev.lectern.content.document;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param maxTextChars longest text a document may hold (JSON upload) */
@Validated
@ConfigurationProperties("lectern.content.documents")
public record DocumentProperties(@Min(1) @Max(50_000_000) int maxTextChars) {
}
