package dev.lectern.avatar.portrait;

import dev.lectern.avatar.AvatarLimits;
import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Accepts portraits: canonicalise (limits, decode, EXIF orientation, PNG without metadata), find the face, then store
 * the PNG by SHA-256 and the row. Nothing is stored for a refused upload: every check runs before the first write.
 */
@Service
public class PortraitService {

    private final AvatarLimits limits;
    private final PortraitFaceDetector detector;
    private final ObjectStorage storage;
    private final PortraitStore store;

    PortraitService(AvatarLimits limits, PortraitFaceDetector detector, ObjectStorage storage, PortraitStore store) {
        this.limits = limits;
        this.detector = detector;
        this.storage = storage;
        this.store = store;
    }

    public Portrait upload(String owner, byte[] bytes) {
        PortraitImage.Canonical canonical = PortraitImage.canonicalise(bytes, limits);
        PortraitFaceDetector.Faces faces = detector.detect(canonical.image());
        if (faces.count() == 0) {
            throw new UnprocessableException("No face found in the portrait; upload a photo with one clear, frontal "
                    + "face.", List.of(new FieldError("file", "no face found")));
        }
        String sha = ContentAddress.sha256(canonical.png());
        String key = ContentAddress.key("portraits", sha, "png");
        try {
            if (!storage.exists(key)) {
                storage.put(key, canonical.png(), "image/png");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("object storage refused the portrait", e);
        }
        Portrait portrait = new Portrait(UUID.randomUUID(), owner, sha, key, canonical.image().getWidth(),
                canonical.image().getHeight(), faces.count(), faces.largest(), Instant.now());
        store.insert(portrait);
        return portrait;
    }

    public Portrait get(String owner, UUID id) {
        return store.findOwned(id, owner).orElseThrow(() -> new PortraitNotFoundException(id));
    }
}
