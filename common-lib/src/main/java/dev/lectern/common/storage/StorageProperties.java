package dev.lectern.common.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param type {@code filesystem} for local runs, {@code s3} in clusters
 * @param root folder of the filesystem store
 * @param s3 bucket and endpoint of the S3 store; credentials come from the AWS default chain
 *           ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, IRSA/pod identity...)
 */
@Validated
@ConfigurationProperties("lectern.storage")
public record StorageProperties(@NotNull Type type, Path root, @Valid S3 s3) {

    public StorageProperties {
        if (type == Type.FILESYSTEM && root == null) {
            throw new IllegalArgumentException("lectern.storage.root must name a folder when lectern.storage.type=filesystem");
        }
        if (type == Type.S3 && s3 == null) {
            throw new IllegalArgumentException("lectern.storage.s3.bucket and .region must be set when lectern.storage.type=s3");
        }
    }

    public enum Type {
        FILESYSTEM, S3
    }

    /** @param endpoint empty for AWS itself; set for MinIO/s3proxy */
    public record S3(URI endpoint, @NotBlank String bucket, @NotBlank String region, boolean pathStyle) {
    }
}
