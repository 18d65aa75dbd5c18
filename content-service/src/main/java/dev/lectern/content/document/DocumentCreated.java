package dev.lectern.content.document;

import java.util.UUID;

/**
 * Published inside the transaction that stores a document, so listeners (the study material) write in that same
 * transaction: a document never exists without its material, and a failure leaves neither.
 */
public record DocumentCreated(UUID documentId, String ownerId, String title, String text) {
}
