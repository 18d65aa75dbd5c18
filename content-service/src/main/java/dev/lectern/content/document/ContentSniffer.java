package dev.lectern.content.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.OrderedList;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * Decides what an upload is from its bytes alone; the declared {@code Content-Type} and file name are never trusted.
 * A PDF starts with {@code %PDF-}; text is valid UTF-8 without NUL or other binary control bytes; text is Markdown
 * when CommonMark finds Markdown structure in it (headings, lists, links, code fences, block quotes, strong emphasis).
 */
final class ContentSniffer {

    private static final List<Signature> BINARY = List.of(
            new Signature("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
            new Signature("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
            new Signature("image/gif", new byte[] {'G', 'I', 'F', '8'}),
            new Signature("application/zip (or an Office document)", new byte[] {'P', 'K', 3, 4}),
            new Signature("application/gzip", new byte[] {0x1F, (byte) 0x8B}),
            new Signature("video/mp4", new byte[] {0, 0, 0}));

    private final Parser markdown = Parser.builder().build();

    MediaKind sniff(byte[] bytes) {
        if (bytes.length == 0) {
            throw new UnreadableDocumentException("The file is empty. Upload a text, Markdown or PDF file with content.");
        }
        if (startsWith(bytes, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return MediaKind.PDF;
        }
        for (Signature signature : BINARY) {
            if (startsWith(bytes, signature.magic())) {
                throw new UnsupportedContentException("The file looks like " + signature.name()
                        + ". Upload text/plain, text/markdown or application/pdf.");
            }
        }
        String text = utf8(bytes);
        if (text.isBlank()) {
            throw new UnreadableDocumentException("The file holds only white space. Upload a file with text in it.");
        }
        return looksLikeMarkdown(text) ? MediaKind.MARKDOWN : MediaKind.PLAIN;
    }

    /** Valid UTF-8 (an optional BOM is dropped) without binary control characters, or 415. */
    static String utf8(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnsupportedContentException("The file is neither a PDF nor UTF-8 text. Upload text/plain, "
                    + "text/markdown (UTF-8) or application/pdf.");
        }
        int control = PlainText.firstControlCharacter(text);
        if (control >= 0) {
            throw new UnsupportedContentException("The file contains binary data (control byte 0x"
                    + Integer.toHexString(text.charAt(control)) + " at character " + control + "), so it is not text. "
                    + "Upload text/plain, text/markdown or application/pdf.");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private boolean looksLikeMarkdown(String text) {
        boolean[] found = {false};
        markdown.parse(text).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                found[0] = true;
            }

            @Override
            public void visit(BulletList list) {
                found[0] = true;
            }

            @Override
            public void visit(OrderedList list) {
                found[0] = true;
            }

            @Override
            public void visit(FencedCodeBlock block) {
                found[0] = true;
            }

            @Override
            public void visit(Link link) {
                found[0] = true;
            }

            @Override
            public void visit(BlockQuote quote) {
                found[0] = true;
            }

            @Override
            public void visit(StrongEmphasis emphasis) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Signature(String name, byte[] magic) {
    }
}
