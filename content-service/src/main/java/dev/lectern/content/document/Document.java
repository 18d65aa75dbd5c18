package dev.lectern.content.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A study text owned by one user. Never leaves the service: the API speaks {@link DocumentResponse}. */
@Entity
@Table(name = "document")
class Document {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private String ownerId;

    @Column(nullable = false)
    private String title;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    /** The canonical text ({@link ExtractedText#text()}); study material spans point into it. */
    @Column(nullable = false, columnDefinition = "text")
    private String text;

    /** The sections as JSON ({@code [{"heading","text"}]}). */
    @Column(nullable = false, columnDefinition = "text")
    private String sections;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Document() {
    }

    Document(UUID id, String ownerId, String title, String mediaType, String text, String sections, long sizeBytes,
            String sha256, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.title = title;
        this.mediaType = mediaType;
        this.text = text;
        this.sections = sections;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.createdAt = createdAt;
    }

    UUID getId() {
        return id;
    }

    String getOwnerId() {
        return ownerId;
    }

    String getTitle() {
        return title;
    }

    String getMediaType() {
        return mediaType;
    }

    String getText() {
        return text;
    }

    String getSections() {
        return sections;
    }

    long getSizeBytes() {
        return sizeBytes;
    }

    String getSha256() {
        return sha256;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
