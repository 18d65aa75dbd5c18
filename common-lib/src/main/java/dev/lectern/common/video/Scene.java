package dev.lectern.common.video;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One scene of a storyboard (docs/api/videos.md). The {@code type} property selects the kind; every scene has a
 * duration (0.5–60 s) and may carry narration text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Scene.Title.class, name = "title"),
        @JsonSubTypes.Type(value = Scene.Bullets.class, name = "bullets"),
        @JsonSubTypes.Type(value = Scene.Flashcard.class, name = "flashcard"),
        @JsonSubTypes.Type(value = Scene.Quiz.class, name = "quiz"),
        @JsonSubTypes.Type(value = Scene.Summary.class, name = "summary")})
public sealed interface Scene {

    double durationSeconds();

    String narration();

    record Title(String title, String subtitle, double durationSeconds, String narration) implements Scene {
    }

    /** Points appear one by one. */
    record Bullets(String title, List<String> bullets, double durationSeconds, String narration) implements Scene {
    }

    /** The question first, then the answer revealed. */
    record Flashcard(String question, String answer, double durationSeconds, String narration) implements Scene {
    }

    /** The options first, then the correct one highlighted. */
    record Quiz(String question, List<String> options, int answerIndex, double durationSeconds, String narration)
            implements Scene {
    }

    record Summary(String title, List<String> points, double durationSeconds, String narration) implements Scene {
    }
}
