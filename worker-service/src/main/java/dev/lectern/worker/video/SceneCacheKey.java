package dev.lectern.worker.video;

import dev.lectern.common.storage.ContentAddress;
import dev.lectern.common.video.Scene;
import dev.lectern.worker.encoding.EncoderSettings;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity of a rendered scene: SHA-256 over the scene's canonical JSON (properties in a fixed order), the encoder
 * settings and the renderer version. Equal scenes rendered the same way share a key; any change in content, settings
 * or drawing code gives another.
 */
public final class SceneCacheKey {

    /** Bump whenever drawing or encoding changes what a scene looks like. */
    public static final String RENDERER_VERSION = "scene-renderer-4";

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SceneCacheKey() {
    }

    public static String of(Scene scene, EncoderSettings settings) {
        String canonical = CANONICAL.writeValueAsString(scene);
        return ContentAddress.sha256((canonical + "\n" + settings.fingerprint() + "\n" + RENDERER_VERSION)
                .getBytes(StandardCharsets.UTF_8));
    }
}
