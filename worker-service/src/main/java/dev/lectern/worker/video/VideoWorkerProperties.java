package dev.lectern.worker.video;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param poolSize scenes rendered side by side; 0 means one per available core
 * @param sceneTimeout longest one scene may take before the job attempt fails
 * @param encoderThreads encoder threads per scene (parallelism comes from the pool)
 * @param workDir where segments are written while a job runs (cleaned after each job)
 * @param sceneCacheTtl how long a rendered scene stays in the cache index
 */
@Validated
@ConfigurationProperties("lectern.worker.video")
public record VideoWorkerProperties(@Min(0) @Max(64) int poolSize, @NotNull Duration sceneTimeout,
        @Min(1) @Max(16) int encoderThreads, @NotNull Path workDir,
        @NotNull Duration sceneCacheTtl) {

    public int effectivePoolSize() {
        return poolSize > 0 ? poolSize : Runtime.getRuntime().availableProcessors();
    }
}
