package dev.lectern.content.document;

import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Documents of one owner: every read and write is scoped to the caller, so another user's id is simply not found. */
@Service
public class DocumentService {

    private final DocumentRepository documents;
    private final DocumentProperties properties;

    DocumentService(DocumentRepository documents, DocumentProperties properties) {
        this.documents = documents;
        this.properties = properties;
    }

    @Transactional
    public DocumentResponse createText(String ownerId, CreateDocumentRequest request) {
        if (request.text().length() > properties.maxTextChars()) {
            throw new UnprocessableException("The text is longer than " + properties.maxTextChars() + " characters.",
                    List.of(new FieldError("text", "must be at most " + properties.maxTextChars() + " characters")));
        }
        byte[] bytes = request.text().getBytes(StandardCharsets.UTF_8);
        Document document = new Document(UUID.randomUUID(), ownerId, request.title().strip(), "text/plain",
                request.text(), bytes.length, sha256(bytes), Instant.now());
        return DocumentResponse.from(documents.save(document));
    }

    @Transactional(readOnly = true)
    public DocumentResponse get(String ownerId, UUID id) {
        return documents.findByIdAndOwnerId(id, ownerId).map(DocumentResponse::from)
                .orElseThrow(() -> new DocumentNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public Page<DocumentResponse> list(String ownerId, Pageable pageable) {
        return documents.findByOwnerId(ownerId, pageable).map(DocumentResponse::from);
    }

    @Transactional
    public void delete(String ownerId, UUID id) {
        if (documents.deleteByIdAndOwnerId(id, ownerId) == 0) {
            throw new DocumentNotFoundException(id);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
