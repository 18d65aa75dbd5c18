package dev.lectern.content.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.content.ContentTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sniffing and extraction without Spring, on the shared samples. */
class TextExtractorTests {

    private final TextExtractor extractor = new TextExtractor(new PdfText(5, Duration.ofSeconds(10)));

    @Test
    void thePdfSampleReadsLikeItsTextTwin() {
        ExtractedText pdf = extractor.extract(ContentTestSupport.sample("tcp-handshake.pdf"));
        ExtractedText txt = extractor.extract(ContentTestSupport.sample("tcp-handshake.txt"));
        assertThat(pdf.kind()).isEqualTo(MediaKind.PDF);
        assertThat(txt.kind()).isEqualTo(MediaKind.PLAIN);
        // The same words in the same order; the title is a paragraph of its own (not glued to the first sentence).
        // (the PDF typesets the apostrophe as U+2019)
        assertThat(pdf.text().replaceAll("\\s+", " ").replace('\u2019', '\''))
                .isEqualTo(txt.text().replaceAll("\\s+", " "));
        assertThat(pdf.text()).startsWith("How TCP Opens and Closes a Connection\n\nThe Transmission Control Protocol");
        assertThat(new dev.lectern.content.study.RuleBasedGenerator().generate(pdf.text()).flashcards())
                .extracting(c -> c.front() + " → " + c.back())
                .contains("Transmission Control Protocol (TCP) → a transport-layer protocol that provides reliable, "
                        + "ordered delivery of a stream of bytes between two programs",
                        "flow control → the mechanism that stops a fast sender from overwhelming a slow receiver");
    }

    @Test
    void markdownKeepsItsHeadingsAsSections() {
        ExtractedText md = extractor.extract(ContentTestSupport.sample("photosynthesis.md"));
        assertThat(md.kind()).isEqualTo(MediaKind.MARKDOWN);
        assertThat(md.sections()).extracting(DocumentResponse.Section::heading).containsExactly("Photosynthesis",
                "Where it happens", "The two stages", "The overall equation", "Why it matters");
        assertThat(md.sections().get(1).text()).startsWith("A chloroplast is an organelle")
                .contains("\n\nChlorophyll is the green pigment");
        assertThat(md.text()).doesNotContain("#");
    }

    @Test
    void plainTextWithoutMarkdownStructureStaysPlain() {
        assertThat(extractor.extract("Just a sentence. And * another one.".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(MediaKind.PLAIN);
        assertThat(extractor.extract("Notes\n\n- one\n- two\n".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(MediaKind.MARKDOWN);
    }

    @Test
    void refusesWhatIsNotAReadableDocument() {
        assertThatThrownBy(() -> extractor.extract(new byte[0])).isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> extractor.extract(new byte[] {(byte) 0xC3, (byte) 0x28, 'a'}))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> extractor.extract("%PDF-1.4\n%%EOF".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("broken");
    }
}
