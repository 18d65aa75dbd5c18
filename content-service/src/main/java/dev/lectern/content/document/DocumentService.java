package dev.lectern.content.document;

import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.BadRequestException;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import dev.lectern.content.cache.ContentCaches;
import dev.lectern.content.cache.PageOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents of one owner: every read and write is scoped to the caller, so another user's id is simply not found.
 *
 * <p>An upload is checked and read completely (sniffing, extraction, size limits) before anything is written, so bad
 * input leaves nothing behind. Then the original goes to object storage under its SHA-256 (skipped when those bytes
 * are already stored), then the row and its study material are written in one transaction; if that fails, an object
 * this upload created is removed again.
 */
@Service
public class DocumentService {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    private static final TypeReference<List<DocumentResponse.Section>> SECTIONS = new TypeReference<>() {
    };

    private final DocumentRepository documents;
    private final DocumentProperties properties;
    private final ObjectStorage storage;
    private final TextExtractor extractor;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ContentCaches caches;
    private final JsonMapper json;

    DocumentService(DocumentRepository documents, DocumentProperties properties, ObjectStorage storage,
            TransactionTemplate transactions, ApplicationEventPublisher events, ContentCaches caches, JsonMapper json) {
        this.documents = documents;
        this.properties = properties;
        this.storage = storage;
        this.extractor = new TextExtractor(new PdfText(properties.maxPdfPages(), properties.pdfParseTimeout()));
        this.transactions = transactions;
        this.events = events;
        this.caches = caches;
        this.json = json;
    }

    public DocumentResponse createText(String ownerId, CreateDocumentRequest request) {
        checkLength(request.text());
        byte[] bytes = request.text().getBytes(StandardCharsets.UTF_8);
        return store(ownerId, request.title().strip(), bytes, TextExtractor.ofText(request.text()));
    }

    public DocumentResponse upload(String ownerId, String title, String fileName, byte[] bytes) {
        ExtractedText extracted = extractor.extract(bytes);
        checkLength(extracted.text());
        if (extracted.text().isBlank()) {
            // Empty and white-space-only files were refused above with their own words; what is left is markup alone
            // (a Markdown file of nothing but headings, whose first heading became the title).
            throw new UnreadableDocumentException(
                    "The file has no text to learn from: nothing but headings or markup, no body text under them.");
        }
        return store(ownerId, titleFor(title, fileName, extracted), bytes, extracted);
    }

    private DocumentResponse store(String ownerId, String title, byte[] bytes, ExtractedText extracted) {
        String sha256 = ContentAddress.sha256(bytes);
        String key = ContentAddress.key("originals", sha256, extracted.kind().extension());
        boolean created = putOriginal(key, bytes, extracted.kind());
        Document document = new Document(UUID.randomUUID(), ownerId, title, extracted.kind().mediaType(),
                extracted.text(), json.writeValueAsString(extracted.sections()), bytes.length, sha256,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            transactions.executeWithoutResult(status -> {
                documents.saveAndFlush(document);
                events.publishEvent(new DocumentCreated(document.getId(), ownerId, title, extracted.text()));
            });
        } catch (RuntimeException e) {
            if (created) {
                deleteOriginalIfUnused(sha256, key);
            }
            throw e;
        }
        caches.documentChanged(ownerId, document.getId());
        events.publishEvent(new DocumentChanged(document.getId(), ownerId));
        return toResponse(document);
    }

    public DocumentResponse get(String ownerId, UUID id) {
        return caches.document(ownerId, id, () -> transactions.execute(status -> documents
                .findByIdAndOwnerId(id, ownerId).map(this::toResponse)
                .orElseThrow(() -> new DocumentNotFoundException(id))));
    }

    /** The document's canonical text, for the study material (owner-checked). */
    public String text(String ownerId, UUID id) {
        return documents.findByIdAndOwnerId(id, ownerId).map(Document::getText)
                .orElseThrow(() -> new DocumentNotFoundException(id));
    }

    public PageOf<DocumentResponse> list(String ownerId, String title, Pageable pageable) {
        if (PlainText.hasControlCharacters(title)) {
            throw new BadRequestException("Invalid title filter", List.of(new FieldError("title", PlainText.MESSAGE)));
        }
        String filter = title == null || title.isBlank() ? null : title.strip();
        String query = pageable.getPageNumber() + "|" + pageable.getPageSize() + "|" + pageable.getSort() + "|"
                + (filter == null ? "" : filter);
        return caches.documentList(ownerId, query, () -> {
            Page<Document> page = filter == null ? documents.findByOwnerId(ownerId, pageable)
                    : documents.findByOwnerIdAndTitleContainingIgnoreCase(ownerId, filter, pageable);
            return PageOf.of(page.map(this::toResponse));
        });
    }

    public void delete(String ownerId, UUID id) {
        Document document = transactions.execute(status -> {
            Document found = documents.findByIdAndOwnerId(id, ownerId)
                    .orElseThrow(() -> new DocumentNotFoundException(id));
            documents.delete(found);
            return found;
        });
        caches.documentChanged(ownerId, id);
        events.publishEvent(new DocumentChanged(id, ownerId));
        deleteOriginalIfUnused(document.getSha256(), ContentAddress.key("originals", document.getSha256(),
                extensionOf(document.getMediaType())));
    }

    private boolean putOriginal(String key, byte[] bytes, MediaKind kind) {
        try {
            if (storage.exists(key)) {
                return false;
            }
            storage.put(key, bytes, kind.mediaType());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the original " + key, e);
        }
    }

    private void deleteOriginalIfUnused(String sha256, String key) {
        if (documents.existsBySha256(sha256)) {
            return;
        }
        try {
            storage.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete the unused original {}: {}", key, e.getMessage());
        }
    }

    private void checkLength(String text) {
        if (text.length() > properties.maxTextChars()) {
            throw new UnprocessableException("The text is longer than " + properties.maxTextChars() + " characters.",
                    List.of(new FieldError("text", "must be at most " + properties.maxTextChars() + " characters")));
        }
    }

    static String titleFor(String title, String fileName, ExtractedText extracted) {
        if (title != null && !title.isBlank()) {
            if (PlainText.hasControlCharacters(title)) {
                throw new UnprocessableException("The title contains control characters.",
                        List.of(new FieldError("title", PlainText.MESSAGE)));
            }
            if (title.strip().length() > 200) {
                throw new UnprocessableException("The title is longer than 200 characters.",
                        List.of(new FieldError("title", "must be at most 200 characters")));
            }
            return title.strip();
        }
        String heading = extracted.sections().stream().map(DocumentResponse.Section::heading)
                .filter(h -> h != null && !h.isBlank()).findFirst().orElse(null);
        String fromFile = fileName == null ? ""
                : PlainText.withoutControlCharacters(fileName).replaceAll("\\.[A-Za-z0-9]{1,5}$", "").strip();
        String name = heading != null ? heading : !fromFile.isBlank() ? fromFile : "Untitled";
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String extensionOf(String mediaType) {
        for (MediaKind kind : MediaKind.values()) {
            if (kind.mediaType().equals(mediaType)) {
                return kind.extension();
            }
        }
        return null;
    }

    private DocumentResponse toResponse(Document document) {
        return new DocumentResponse(document.getId(), document.getTitle(), document.getMediaType(),
                document.getSizeBytes(), document.getSha256(), json.readValue(document.getSections(), SECTIONS),
                document.getCreatedAt());
    }
}
