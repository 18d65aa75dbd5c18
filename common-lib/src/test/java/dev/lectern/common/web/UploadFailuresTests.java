package dev.lectern.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.EOFException;
import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.IOFileUploadException;
import org.apache.tomcat.util.http.fileupload.impl.InvalidContentTypeException;
import org.junit.jupiter.api.Test;
import org.springframework.web.multipart.MultipartException;

/** The chains Spring and Tomcat produce for a multipart body that could not be read, as each side's fault. */
class UploadFailuresTests {

    private static MultipartException parseFailure(Throwable cause) {
        return new MultipartException("Failed to parse multipart servlet request", cause);
    }

    @Test
    void theServersFileSystemIsTheServersFault() {
        // Tomcat, when its temporary directory was removed under it.
        assertThat(UploadFailures.serverSide(parseFailure(new IOException(
                "The temporary upload location [/tmp/tomcat.8081.1/work/Tomcat/localhost/ROOT] is not valid"))))
                .isTrue();
        // A part that could not be written: a full disk, wrapped by the parser as it copied the part.
        IOException diskFull = new IOException("No space left on device");
        assertThat(UploadFailures.serverSide(parseFailure(new IOFileUploadException(
                "Processing of multipart/form-data request failed. No space left on device", diskFull)))).isTrue();
        assertThat(UploadFailures.serverSide(parseFailure(new FileUploadException("No space left on device",
                diskFull)))).isTrue();
    }

    @Test
    void aBodyTheClientGotWrongIsTheClientsFault() {
        // No boundary in the Content-Type (Tomcat 11 throws the plain FileUploadException; older parsers the subtype).
        assertThat(UploadFailures.serverSide(parseFailure(new FileUploadException(
                "the request was rejected because no multipart boundary was found")))).isFalse();
        assertThat(UploadFailures.serverSide(parseFailure(new ServletException(new InvalidContentTypeException(
                "the request was rejected because no multipart boundary was found"))))).isFalse();
        // A malformed chunked body: the connector's exception, under the parser's wrapper.
        assertThat(UploadFailures.serverSide(parseFailure(new IOFileUploadException(
                "Processing of multipart/form-data request failed. Invalid chunk header",
                new BadRequestException("Invalid chunk header"))))).isFalse();
        // Cut short: the copy of a part fails on the parser's own stream, not on the disk.
        assertThat(UploadFailures.serverSide(parseFailure(new IOFileUploadException(
                "Processing of multipart/form-data request failed. Stream ended unexpectedly",
                new MultipartStream.MalformedStreamException("Stream ended unexpectedly"))))).isFalse();
        assertThat(UploadFailures.serverSide(parseFailure(new IllegalStateException(
                new FileCountLimitExceededException("attachment", 10))))).isFalse();
        assertThat(UploadFailures.serverSide(parseFailure(new ClientAbortException(new IOException(
                "Connection reset by peer"))))).isFalse();
        assertThat(UploadFailures.serverSide(parseFailure(new EOFException()))).isFalse();
        // Not multipart at all.
        assertThat(UploadFailures.serverSide(new MultipartException("Current request is not a multipart request")))
                .isFalse();
    }
}
