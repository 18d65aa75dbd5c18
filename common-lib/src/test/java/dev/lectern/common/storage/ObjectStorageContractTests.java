package dev.lectern.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.testsupport.TestS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The same behaviour from both stores: the filesystem one and S3 (against a real S3 server on loopback). */
class ObjectStorageContractTests {

    @TempDir
    static Path folder;

    static Stream<Arguments> stores() throws IOException {
        S3Client client = S3Client.builder().endpointOverride(TestS3.shared().endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build();
        S3ObjectStorage s3 = new S3ObjectStorage(client, "contract-" + UUID.randomUUID().toString().substring(0, 8));
        s3.ensureBucket();
        return Stream.of(Arguments.of("filesystem", new FilesystemObjectStorage(folder.resolve("store"))),
                Arguments.of("s3", s3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void storesReadsRangesAndDeletes(String name, ObjectStorage storage) throws IOException {
        byte[] bytes = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String key = ContentAddress.key("test", ContentAddress.sha256(bytes), "bin");

        assertThat(storage.exists(key)).isFalse();
        storage.put(key, bytes, "application/octet-stream");

        assertThat(storage.exists(key)).isTrue();
        assertThat(storage.size(key)).contains(16L);
        try (InputStream in = storage.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (InputStream in = storage.openRange(key, 10, 13)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcd");
        }
        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(ObjectStorage.ObjectNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void storesFilesAndDownloadsThem(String name, ObjectStorage storage) throws IOException {
        Path source = Files.writeString(folder.resolve(name + "-source.txt"), "a video, say");
        storage.put("videos/x.mp4", source, "video/mp4");
        Path copy = folder.resolve(name + "-copy.txt");
        storage.download("videos/x.mp4", copy);
        assertThat(Files.readString(copy)).isEqualTo("a video, say");
        assertThat(ContentAddress.sha256(copy)).isEqualTo(ContentAddress.sha256(Files.readAllBytes(source)));
    }

    @org.junit.jupiter.api.Test
    void filesystemKeysCannotEscapeTheRoot() throws IOException {
        FilesystemObjectStorage storage = new FilesystemObjectStorage(folder.resolve("jail"));
        assertThatThrownBy(() -> storage.put("../outside", new byte[1], "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
