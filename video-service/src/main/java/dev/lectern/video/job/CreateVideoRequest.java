package dev.lectern.video.job;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/videos}: either a document to build the storyboard from, or the storyboard itself. Scenes arrive
 * as raw JSON so that an unknown scene type is reported as a 422 naming the scene, not as unreadable JSON.
 */
public record CreateVideoRequest(UUID documentId, StoryboardRequest storyboard, OptionsRequest options) {

    public record StoryboardRequest(String title, List<JsonNode> scenes) {
    }

    /** {@code {"resolution": "1280x720", "fps": 30, "quality": "standard"}}; every field optional. */
    public record OptionsRequest(String resolution, Integer fps, String quality) {
    }
}
