package dev.lectern.testsupport;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real S3-compatible server (s3proxy over an in-memory jclouds blob store) on a loopback port, speaking the S3 API
 * with signature checks, so the AWS SDK client is exercised end to end. One per test JVM.
 */
public final class TestS3 {

    public static final String ACCESS_KEY = "lectern-test";
    public static final String SECRET_KEY = "lectern-test-secret";

    private static TestS3 shared;

    private final S3Proxy proxy;

    private TestS3() throws Exception {
        Properties properties = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
    }

    public static synchronized TestS3 shared() {
        if (shared == null) {
            try {
                shared = new TestS3();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the S3 test server", e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Points {@code lectern.storage} at this server, in its own bucket; sets the SDK's credentials. */
    public void register(DynamicPropertyRegistry registry, String bucket) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        registry.add("lectern.storage.type", () -> "s3");
        registry.add("lectern.storage.s3.endpoint", () -> endpoint().toString());
        registry.add("lectern.storage.s3.bucket", () -> bucket);
        registry.add("lectern.storage.s3.region", () -> "us-east-1");
        registry.add("lectern.storage.s3.path-style", () -> "true");
    }
}
