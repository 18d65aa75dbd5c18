package dev.lectern.avatar.portrait;

import java.time.Instant;
import java.util.UUID;

/** A stored portrait: what was found in it and where the chosen face is. */
public record PortraitResponse(UUID id, String sha256, int width, int height, int facesFound,
        PortraitFaceDetector.FaceBox face, Instant createdAt) {
}
