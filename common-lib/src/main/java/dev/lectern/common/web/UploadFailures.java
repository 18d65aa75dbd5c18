package dev.lectern.common.web;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;

/**
 * Tells a multipart body the server could not store from one the client sent wrong. Spring reports both as a
 * {@code MultipartException}. Tomcat names the client's cases with its own exception types — its parser's (no
 * boundary, a body cut short, too many parts: {@code org.apache.tomcat.util.http.fileupload...}), its connector's (a
 * malformed chunked body: {@code org.apache.coyote.BadRequestException}) —, an end of stream or an aborted
 * connection; what is left is a plain I/O error of the file system the parts are written to — a full disk,
 * a directory that cannot be written, a temporary upload location that is not a directory (Tomcat: "The temporary
 * upload location [...] is not valid"; a deleted one it recreates).
 */
final class UploadFailures {

    private static final String FILE_UPLOAD = "org.apache.tomcat.util.http.fileupload.";
    /** Tomcat's wrappers around whatever I/O error happened while the parts were copied: they decide nothing. */
    private static final Set<String> WRAPPERS = Set.of(FILE_UPLOAD + "FileUploadException",
            FILE_UPLOAD + "impl.IOFileUploadException", FILE_UPLOAD + "impl.FileUploadIOException");
    private static final String CLIENT_ABORT = "org.apache.catalina.connector.ClientAbortException";
    /** The connector reading the request: BadRequestException, CloseNowException. */
    private static final String CONNECTOR = "org.apache.coyote.";
    private static final int MAX_CAUSES = 16;

    private UploadFailures() {
    }

    static boolean serverSide(Throwable failure) {
        boolean fileSystem = false;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth++ < MAX_CAUSES; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (cause instanceof EOFException || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException || type.equals(CLIENT_ABORT)
                    || type.startsWith(CONNECTOR)) {
                return false;
            }
            if (type.startsWith(FILE_UPLOAD)) {
                if (!WRAPPERS.contains(type)) {
                    return false;
                }
            } else if (cause instanceof IOException) {
                fileSystem = true;
            }
        }
        return fileSystem;
    }
}
