package dev.lectern.content.document;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF → text through PDFBox, bounded: at most {@code maxPages} pages and {@code timeout} of parsing. A broken,
 * encrypted, too long or image-only PDF is refused (422) with a detail that says which.
 */
final class PdfText {

    private final int maxPages;
    private final Duration timeout;

    PdfText(int maxPages, Duration timeout) {
        this.maxPages = maxPages;
        this.timeout = timeout;
    }

    String extract(byte[] bytes) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> result = executor.submit(() -> parse(bytes));
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new UnreadableDocumentException("The PDF could not be read within " + timeout.toSeconds()
                        + " s. Upload a simpler or shorter PDF.");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new UnreadableDocumentException("The PDF is broken and cannot be read ("
                        + e.getCause().getMessage() + ").");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading a PDF", e);
            } finally {
                executor.shutdownNow();
            }
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
            String text = new PDFTextStripper().getText(pdf);
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
