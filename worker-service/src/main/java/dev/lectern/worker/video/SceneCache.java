package dev.lectern.worker.video;

import java.io.IOException;
import java.nio.file.Path;

/** Rendered scene segments by cache key; a hit skips drawing and encoding entirely. */
public interface SceneCache {

    /** Copies the cached segment to {@code target}; false on a miss. */
    boolean fetch(String key, Path target) throws IOException;

    void store(String key, Path segment) throws IOException;

    SceneCache NONE = new SceneCache() {
        @Override
        public boolean fetch(String key, Path target) {
            return false;
        }

        @Override
        public void store(String key, Path segment) {
        }
    };
}
