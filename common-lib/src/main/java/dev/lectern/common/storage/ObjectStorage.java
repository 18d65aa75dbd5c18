package dev.lectern.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where binary artefacts live (uploaded originals, rendered scenes, finished videos): S3 in clusters, a folder on a
 * developer machine. Keys are paths such as {@code originals/ab/abcdef…}; content-addressed objects use their SHA-256,
 * so the same bytes are stored once.
 */
public interface ObjectStorage {

    /** Stores the file under {@code key}, replacing what was there. Visible to readers only once complete. */
    void put(String key, Path file, String contentType) throws IOException;

    /** Stores bytes under {@code key}, replacing what was there. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    boolean exists(String key) throws IOException;

    /** Size in bytes, or empty if there is no such object. */
    Optional<Long> size(String key) throws IOException;

    /** The whole object; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /** Bytes {@code [first, last]} inclusive, as HTTP ranges count them; the caller closes the stream. */
    InputStream openRange(String key, long first, long last) throws IOException;

    /** Copies the object to a local file (replacing it). */
    void download(String key, Path target) throws IOException;

    void delete(String key) throws IOException;

    /** Thrown by {@link #open}, {@link #openRange} and {@link #download} for a missing key. */
    class ObjectNotFoundException extends IOException {
        public ObjectNotFoundException(String key) {
            super("No object " + key);
        }
    }
}
