package dev.lectern.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 addressing: the key of an object is derived from its bytes, so equal bytes share one object. */
public final class ContentAddress {

    private ContentAddress() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamDiscard.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code prefix/ab/abcdef…[.ext]} — two-character fan-out keeps folders small on a filesystem store. */
    public static String key(String prefix, String sha256, String extension) {
        return prefix + "/" + sha256.substring(0, 2) + "/" + sha256 + (extension == null ? "" : "." + extension);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class OutputStreamDiscard extends java.io.OutputStream {
        static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
