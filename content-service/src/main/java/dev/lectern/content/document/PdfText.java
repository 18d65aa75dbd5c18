package dev.lectern.content.document;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * PDF → text through PDFBox, bounded: at most {@code maxPages} pages and {@code timeout} of parsing. A broken,
 * encrypted, too long or image-only PDF is refused (422) with a detail that says which.
 */
final class PdfText {

    private static final Logger log = LoggerFactory.getLogger(PdfText.class);

    /**
     * Parses run here, one virtual thread each, and the request stops waiting at the timeout. Not closed per request:
     * closing an executor waits for its tasks, and PDFBox does not stop when interrupted, so a request would have
     * waited for the whole parse after all.
     */
    private static final ExecutorService PARSERS = Executors.newVirtualThreadPerTaskExecutor();

    private final int maxPages;
    private final Duration timeout;
    private final Parser parser;

    /**
     * Parses running at once, abandoned ones included: PDFBox does not stop when its request gives up, so without a
     * bound a client could pile up parses that no one waits for. A permit is released when the parse itself ends.
     */
    private final Semaphore parses = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    @FunctionalInterface
    interface Parser {
        String parse(byte[] bytes) throws IOException;
    }

    PdfText(int maxPages, Duration timeout) {
        this(maxPages, timeout, null);
    }

    /** {@code parser}: null for PDFBox; tests give a slow or failing one. */
    PdfText(int maxPages, Duration timeout, Parser parser) {
        this.maxPages = maxPages;
        this.timeout = timeout;
        this.parser = parser != null ? parser : this::parse;
    }

    String extract(byte[] bytes) {
        acquireParse();
        Future<String> result;
        try {
            result = PARSERS.submit(() -> {
                try {
                    return parser.parse(bytes);
                } finally {
                    parses.release();
                }
            });
        } catch (RuntimeException e) {
            parses.release();
            throw e;
        }
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new UnreadableDocumentException("The PDF could not be read within " + timeout.toSeconds()
                    + " s. Upload a simpler or shorter PDF.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnreadableDocumentException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                // PDFBox throws unchecked exceptions on some malformed files; still the file's fault, not ours.
                log.warn("PDFBox failed on an uploaded PDF", unexpected);
            }
            throw new UnreadableDocumentException("The PDF is broken and cannot be read ("
                    + e.getCause().getMessage() + ").");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a PDF", e);
        }
    }

    /** Waits up to the parse timeout for a free reader (a burst of uploads queues briefly), else 503. */
    private void acquireParse() {
        boolean acquired;
        try {
            acquired = parses.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to read a PDF", e);
        }
        if (!acquired) {
            throw new PdfReadersBusyException();
        }
    }

    /** Every permit is held by a parse still running: 503, try again shortly. */
    static final class PdfReadersBusyException extends ResponseStatusException {

        PdfReadersBusyException() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Too many PDFs are being read right now; send it again shortly.");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "10");
            return headers;
        }
    }

    private String parse(byte[] bytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            if (pdf.isEncrypted()) {
                throw new UnreadableDocumentException("The PDF is encrypted. Upload it without a password or "
                        + "encryption.");
            }
            int pages = pdf.getNumberOfPages();
            if (pages > maxPages) {
                throw new UnreadableDocumentException("The PDF has " + pages + " pages; at most " + maxPages
                        + " are accepted. Split it into smaller documents.");
            }
            // PDFBox can give U+0000 for a glyph without a Unicode mapping; PostgreSQL cannot store it.
            String text = new PDFTextStripper().getText(pdf).replace("\u0000", "");
            if (text.isBlank()) {
                throw new UnreadableDocumentException("The PDF has no text layer (it may be scanned images). "
                        + "Upload a PDF with selectable text.");
            }
            return text;
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("The PDF is encrypted with a password. Upload it without "
                    + "encryption.");
        }
    }
}
