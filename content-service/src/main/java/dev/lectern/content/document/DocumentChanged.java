package dev.lectern.content.document;

import java.util.UUID;

/** Published after a document of {@code ownerId} was created or deleted (and committed): caches drop what they held. */
public record DocumentChanged(UUID documentId, String ownerId) {
}
