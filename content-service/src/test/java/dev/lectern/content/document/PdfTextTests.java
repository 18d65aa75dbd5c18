package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The parse bounds, with parsers that misbehave the way PDFBox can. */
class PdfTextTests {

    @Test
    void theRequestStopsWaitingAtTheTimeoutEvenIfTheParserIgnoresInterrupts() {
        PdfText pdf = new PdfText(5, Duration.ofMillis(200), bytes -> {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // deaf to interrupts, like PDFBox working on a byte array
            }
            return "too late";
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> pdf.extract(new byte[] {'%', 'P', 'D', 'F'}))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("could not be read within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUncheckedParserFailureIsABrokenPdfNotAServerError() {
        PdfText pdf = new PdfText(5, Duration.ofSeconds(5), bytes -> {
            throw new IllegalArgumentException("bad xref entry");
        });

        assertThatThrownBy(() -> pdf.extract(new byte[] {'%', 'P', 'D', 'F'}))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("The PDF is broken and cannot be read (bad xref entry).");
    }

    @Test
    void theParsersOwnRefusalPassesThroughUnchanged() {
        PdfText pdf = new PdfText(5, Duration.ofSeconds(5), bytes -> {
            throw new UnreadableDocumentException("The PDF is encrypted.");
        });

        assertThatThrownBy(() -> pdf.extract(new byte[] {'%', 'P', 'D', 'F'})).hasMessage("The PDF is encrypted.");
    }
}
