package dev.lectern.common.storage;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * An object in storage as a Spring {@link org.springframework.core.io.Resource}, so Spring MVC serves it with
 * {@code Accept-Ranges} and answers {@code Range} requests with 206 by itself.
 */
public class StoredObjectResource extends AbstractResource {

    private final ObjectStorage storage;
    private final String key;
    private final long size;

    public StoredObjectResource(ObjectStorage storage, String key, long size) {
        this.storage = storage;
        this.key = key;
        this.size = size;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return storage.open(key);
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String getDescription() {
        return "stored object " + key;
    }
}
