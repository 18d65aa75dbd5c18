package dev.lectern.avatar.portrait;

import java.time.Instant;
import java.util.UUID;

/** A portrait row; {@code objectKey} is the re-encoded PNG in object storage. */
public record Portrait(UUID id, String ownerId, String sha256, String objectKey, int width, int height,
        int facesFound, PortraitFaceDetector.FaceBox face, Instant createdAt) {

    public PortraitResponse toResponse() {
        return new PortraitResponse(id, sha256, width, height, facesFound, face, createdAt);
    }
}
