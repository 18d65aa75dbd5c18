package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The parse bounds, with parsers that misbehave the way PDFBox can. */
class PdfTextTests {

    @Test
    void theRequestStopsWaitingAtTheTimeoutEvenIfTheParserIgnoresInterrupts() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PdfText pdf = new PdfText(5, Duration.ofMillis(200), bytes -> {
            while (release.getCount() > 0) {
                Thread.onSpinWait(); // deaf to interrupts, like PDFBox working on a byte array
            }
            return "too late";
        });
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> pdf.extract(new byte[] {'%', 'P', 'D', 'F'}))
                    .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("could not be read within");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            release.countDown();
        }
    }

    @Test
    void abandonedParsesStillHoldTheirPlaceSoTheyCannotPileUp() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PdfText pdf = new PdfText(5, Duration.ofMillis(50), bytes -> {
            while (release.getCount() > 0) {
                Thread.onSpinWait(); // deaf to interrupts
            }
            return "text";
        });
        int permits = Math.max(2, Runtime.getRuntime().availableProcessors());
        try {
            for (int i = 0; i < permits; i++) {
                assertThatThrownBy(() -> pdf.extract(new byte[0])).isInstanceOf(UnreadableDocumentException.class);
            }
            assertThatThrownBy(() -> pdf.extract(new byte[0])).isInstanceOf(PdfText.PdfReadersBusyException.class)
                    .satisfies(e -> assertThat(((PdfText.PdfReadersBusyException) e).getHeaders()
                            .getFirst("Retry-After")).isEqualTo("10"));
        } finally {
            release.countDown();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(new PdfText(5, Duration.ofSeconds(5), bytes -> "ok")
                        .extract(new byte[0])).isEqualTo("ok"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(pdf.extract(new byte[0])).isEqualTo("text"));
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
