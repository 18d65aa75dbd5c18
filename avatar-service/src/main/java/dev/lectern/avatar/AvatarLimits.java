package dev.lectern.avatar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What avatar-service accepts. The pixel limits are checked from the image header before any decoding, so a small
 * file that claims a huge image (a decompression bomb) is refused without allocating it.
 *
 * @param maxPortraitBytes largest portrait upload
 * @param maxPortraitSide longest portrait side in pixels
 * @param maxPortraitPixels most pixels in a portrait
 * @param maxNarrationChars longest narration text (espeak-ng speaks about 14 characters a second)
 * @param maxNarrationSeconds longest uploaded narration audio
 * @param maxAudioBytes largest uploaded narration audio
 * @param sizes accepted output sizes ({@code 512x512}, ...)
 */
@Validated
@ConfigurationProperties("lectern.avatar")
public record AvatarLimits(@Min(1024) long maxPortraitBytes, @Min(64) int maxPortraitSide,
        @Min(4096) long maxPortraitPixels, @Min(1) @Max(20_000) int maxNarrationChars,
        @Min(1) @Max(3600) int maxNarrationSeconds, @Min(1024) long maxAudioBytes, @NotEmpty Set<String> sizes) {
}
