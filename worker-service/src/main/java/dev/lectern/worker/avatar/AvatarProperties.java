package dev.lectern.worker.avatar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param preset x264 preset
 * @param batchWindow how long the consumer waits for more work before starting a batch
 * @param batchSize most jobs in one batch pass
 * @param parallelism render threads of the batch pool; 0 = one per CPU core
 * @param landmarkKeyPrefix Redis key prefix of the landmark cache (versioned)
 * @param landmarkTtl how long landmarks stay cached
 * @param espeakCommand the espeak-ng executable
 * @param defaultVoice voice when the request names none
 * @param speechTimeout longest a synthesis may take
 * @param maxNarrationSeconds longest narration rendered (avatar-service enforces its limits first)
 */
@Validated
@ConfigurationProperties("lectern.avatar")
public record AvatarProperties(@NotBlank String preset, @NotNull Duration batchWindow,
        @Min(1) @Max(16) int batchSize, @Min(0) @Max(64) int parallelism, @NotBlank String landmarkKeyPrefix,
        @NotNull Duration landmarkTtl, @NotBlank String espeakCommand, @NotBlank String defaultVoice,
        @NotNull Duration speechTimeout, @Min(1) @Max(3600) int maxNarrationSeconds) {

    public int threads() {
        return parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
    }
}
