package dev.lectern.content.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Bytes → {@link ExtractedText}: sniff the kind, then read it (PDFBox, CommonMark, or plain UTF-8). */
final class TextExtractor {

    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern LINE_BREAK_IN_PARAGRAPH = Pattern.compile("[ \\t]*\\n[ \\t]*");

    private final ContentSniffer sniffer = new ContentSniffer();
    private final MarkdownSections markdown = new MarkdownSections();
    private final PdfText pdf;

    TextExtractor(PdfText pdf) {
        this.pdf = pdf;
    }

    ExtractedText extract(byte[] bytes) {
        MediaKind kind = sniffer.sniff(bytes);
        return switch (kind) {
            case PDF -> new ExtractedText(kind, plainSections(pdfParagraphs(pdf.extract(bytes))));
            case MARKDOWN -> new ExtractedText(kind, markdown.sections(ContentSniffer.utf8(bytes)));
            case PLAIN -> new ExtractedText(kind, plainSections(ContentSniffer.utf8(bytes)));
        };
    }

    /** JSON uploads: the text as given, one section. */
    static ExtractedText ofText(String text) {
        return new ExtractedText(MediaKind.PLAIN, List.of(new DocumentResponse.Section(null, text)));
    }

    /**
     * PDF text comes as lines without paragraph marks. A line clearly shorter than the full lines, followed by a line
     * that starts with a capital, ends a paragraph (or is a heading): it gets a blank line after it.
     */
    static String pdfParagraphs(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int longest = 0;
        for (String line : lines) {
            longest = Math.max(longest, line.strip().length());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            out.append(line);
            if (i + 1 < lines.length) {
                String next = lines[i + 1].strip();
                boolean shortLine = line.length() < longest * 3 / 4;
                boolean ends = shortLine && !next.isEmpty() && Character.isUpperCase(next.codePointAt(0));
                out.append(ends || line.isEmpty() ? "\n\n" : "\n");
            }
        }
        return out.toString();
    }

    /**
     * Plain text (and PDF text) is one section without heading; paragraphs are kept (blank lines), and the line
     * breaks inside a paragraph (hard-wrapped text, PDF lines) become spaces so sentences are whole.
     */
    static List<DocumentResponse.Section> plainSections(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
            String joined = LINE_BREAK_IN_PARAGRAPH.matcher(paragraph.strip()).replaceAll(" ");
            if (!joined.isEmpty()) {
                paragraphs.add(joined);
            }
        }
        return List.of(new DocumentResponse.Section(null, String.join("\n\n", paragraphs)));
    }
}
