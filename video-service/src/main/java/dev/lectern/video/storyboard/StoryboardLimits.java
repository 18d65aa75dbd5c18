package dev.lectern.video.storyboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What a storyboard may ask for (docs/api/videos.md).
 *
 * @param maxScenes most scenes in one video
 * @param maxTotalSeconds longest video
 * @param maxSceneSeconds longest scene
 * @param maxTextChars longest single text (a title, a bullet, a question, an answer, an option)
 */
@Validated
@ConfigurationProperties("lectern.video.storyboard")
public record StoryboardLimits(@Min(1) @Max(500) int maxScenes, @Min(1) int maxTotalSeconds,
        @Min(1) @Max(600) int maxSceneSeconds, @Min(10) @Max(2000) int maxTextChars) {
}
