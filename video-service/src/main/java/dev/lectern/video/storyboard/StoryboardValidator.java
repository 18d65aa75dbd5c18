package dev.lectern.video.storyboard;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import dev.lectern.video.job.CreateVideoRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a client's storyboard and options up front, so a job that cannot render is refused at once (422) with every
 * problem named by its JSON path ({@code storyboard.scenes[2].text}), instead of failing later in a worker.
 */
public class StoryboardValidator {

    static final Set<String> SCENE_TYPES = Set.of("title", "bullets", "flashcard", "quiz", "summary");
    static final Map<String, int[]> RESOLUTIONS = Map.of(
            "640x360", new int[] {640, 360}, "854x480", new int[] {854, 480},
            "1280x720", new int[] {1280, 720}, "1920x1080", new int[] {1920, 1080});
    static final Set<Integer> FPS = Set.of(24, 25, 30);

    private final StoryboardLimits limits;
    private final JsonMapper json;

    public StoryboardValidator(StoryboardLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    public RenderOptions options(CreateVideoRequest.OptionsRequest request) {
        List<FieldError> errors = new ArrayList<>();
        RenderOptions options = options(request, errors);
        throwIfAny(errors);
        return options;
    }

    /** @throws UnprocessableException naming every problem */
    public Storyboard storyboard(CreateVideoRequest.StoryboardRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Storyboard storyboard = storyboard(request, errors);
        throwIfAny(errors);
        return storyboard;
    }

    /** Checks a storyboard built by the service itself (from a document) against the same limits. */
    public Storyboard check(Storyboard storyboard) {
        List<FieldError> errors = new ArrayList<>();
        text(storyboard.title(), "storyboard.title", errors);
        checkScenes(storyboard.scenes(), errors);
        throwIfAny(errors);
        return storyboard;
    }

    private RenderOptions options(CreateVideoRequest.OptionsRequest request, List<FieldError> errors) {
        RenderOptions defaults = RenderOptions.DEFAULT;
        if (request == null) {
            return defaults;
        }
        int[] size = {defaults.width(), defaults.height()};
        if (request.resolution() != null) {
            size = RESOLUTIONS.get(request.resolution());
            if (size == null) {
                errors.add(new FieldError("options.resolution",
                        "unsupported resolution '" + request.resolution() + "'; use one of 640x360, 854x480, 1280x720, 1920x1080"));
                size = new int[] {defaults.width(), defaults.height()};
            }
        }
        int fps = defaults.fps();
        if (request.fps() != null) {
            if (!FPS.contains(request.fps())) {
                errors.add(new FieldError("options.fps", "must be 24, 25 or 30"));
            } else {
                fps = request.fps();
            }
        }
        RenderOptions.Quality quality = defaults.quality();
        if (request.quality() != null) {
            try {
                quality = RenderOptions.Quality.valueOf(request.quality().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("options.quality", "must be standard or high"));
            }
        }
        return new RenderOptions(size[0], size[1], fps, quality);
    }

    private Storyboard storyboard(CreateVideoRequest.StoryboardRequest request, List<FieldError> errors) {
        text(request.title(), "storyboard.title", errors);
        List<JsonNode> nodes = request.scenes() == null ? List.of() : request.scenes();
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "storyboard.scenes[" + i + "]";
            JsonNode node = nodes.get(i);
            if (node == null || !node.isObject()) {
                errors.add(new FieldError(path, "must be an object with a type"));
                continue;
            }
            JsonNode type = node.get("type");
            if (type == null || !type.isString() || !SCENE_TYPES.contains(type.asString())) {
                errors.add(new FieldError(path + ".type", "unknown scene type "
                        + (type == null ? "(missing)" : type.isValueNode() ? "'" + type.asString() + "'"
                                // an object or array has no text to quote (asString() would throw)
                                : "(" + type.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a string)")
                        + "; use one of bullets, flashcard, quiz, summary, title"));
                continue;
            }
            try {
                scenes.add(json.treeToValue(node, Scene.class));
            } catch (JacksonException e) {
                errors.add(new FieldError(path, "cannot be read as a " + type.asString() + " scene: "
                        + e.getOriginalMessage()));
            }
        }
        if (errors.isEmpty()) {
            checkScenes(scenes, errors);
        } else if (nodes.isEmpty()) {
            errors.add(new FieldError("storyboard.scenes", "must hold at least one scene"));
        }
        return new Storyboard(request.title() == null ? null : request.title().strip(), scenes);
    }

    private void checkScenes(List<Scene> scenes, List<FieldError> errors) {
        if (scenes.isEmpty()) {
            errors.add(new FieldError("storyboard.scenes", "must hold at least one scene"));
        }
        if (scenes.size() > limits.maxScenes()) {
            errors.add(new FieldError("storyboard.scenes", "holds " + scenes.size() + " scenes; at most "
                    + limits.maxScenes() + " are allowed"));
        }
        double total = 0;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            String path = "storyboard.scenes[" + i + "]";
            total += scene.durationSeconds();
            if (!(scene.durationSeconds() >= 0.5 && scene.durationSeconds() <= limits.maxSceneSeconds())) {
                errors.add(new FieldError(path + ".durationSeconds", "must be between 0.5 and "
                        + limits.maxSceneSeconds() + " seconds"));
            }
            if (scene.narration() != null && scene.narration().length() > limits.maxTextChars()) {
                errors.add(new FieldError(path + ".narration", "must be at most " + limits.maxTextChars() + " characters"));
            }
            switch (scene) {
                case Scene.Title t -> {
                    text(t.title(), path + ".title", errors);
                    optionalText(t.subtitle(), path + ".subtitle", errors);
                }
                case Scene.Bullets b -> {
                    text(b.title(), path + ".title", errors);
                    list(b.bullets(), path + ".bullets", 1, 8, errors);
                }
                case Scene.Flashcard f -> {
                    text(f.question(), path + ".question", errors);
                    text(f.answer(), path + ".answer", errors);
                }
                case Scene.Quiz q -> {
                    text(q.question(), path + ".question", errors);
                    list(q.options(), path + ".options", 2, 6, errors);
                    if (q.options() != null && (q.answerIndex() < 0 || q.answerIndex() >= q.options().size())) {
                        errors.add(new FieldError(path + ".answerIndex", "must point at one of the "
                                + q.options().size() + " options (0-based)"));
                    }
                }
                case Scene.Summary s -> {
                    text(s.title(), path + ".title", errors);
                    list(s.points(), path + ".points", 1, 8, errors);
                }
            }
        }
        if (total > limits.maxTotalSeconds()) {
            errors.add(new FieldError("storyboard.scenes", "last " + Math.round(total) + " s in total; at most "
                    + limits.maxTotalSeconds() + " s are allowed"));
        }
    }

    private void list(List<String> items, String path, int min, int max, List<FieldError> errors) {
        if (items == null || items.size() < min || items.size() > max) {
            errors.add(new FieldError(path, "must hold " + min + " to " + max + " entries"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            text(items.get(i), path + "[" + i + "]", errors);
        }
    }

    private void text(String value, String path, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(path, "must not be blank"));
        } else {
            optionalText(value, path, errors);
        }
    }

    private void optionalText(String value, String path, List<FieldError> errors) {
        if (value != null && value.length() > limits.maxTextChars()) {
            errors.add(new FieldError(path, "must be at most " + limits.maxTextChars() + " characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new UnprocessableException("The video request cannot be rendered: " + errors.size()
                    + (errors.size() == 1 ? " problem" : " problems") + " (see errors).", errors);
        }
    }
}
