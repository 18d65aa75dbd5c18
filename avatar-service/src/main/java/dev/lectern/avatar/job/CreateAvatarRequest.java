package dev.lectern.avatar.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * A talking-presenter job with text narration (JSON). Uploaded audio arrives as multipart instead (see
 * docs/api/avatars.md). The text's length limit is checked against configuration in {@link AvatarJobService}.
 *
 * @param voice espeak-ng voice such as {@code en-us}; default when null
 * @param resolution {@code 512x512} by default
 * @param fps 25 by default
 */
public record CreateAvatarRequest(@NotNull UUID portraitId, @NotBlank String text,
        @Pattern(regexp = "[a-zA-Z0-9+_-]{1,40}") String voice,
        @Pattern(regexp = "\\d{2,4}x\\d{2,4}") String resolution, @Min(25) @Max(30) Integer fps) {
}
