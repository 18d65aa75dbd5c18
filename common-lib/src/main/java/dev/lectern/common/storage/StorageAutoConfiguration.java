package dev.lectern.common.storage;

import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Object storage for the services that keep binaries: on when {@code lectern.storage.type} is set. */
@AutoConfiguration
@ConditionalOnProperty("lectern.storage.type")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObjectStorage objectStorage(StorageProperties properties) throws IOException {
        return switch (properties.type()) {
            case FILESYSTEM -> new FilesystemObjectStorage(properties.root());
            case S3 -> s3(properties.s3());
        };
    }

    static ObjectStorage s3(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: S3-compatible stores (MinIO, s3proxy) do not all accept the
                // SDK's default streaming trailer checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null && !settings.endpoint().toString().isBlank()) {
            builder.endpointOverride(settings.endpoint());
        }
        S3ObjectStorage storage = new S3ObjectStorage(builder.build(), settings.bucket());
        storage.ensureBucket();
        return storage;
    }
}
