package dev.lectern.content.document;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown → sections: every heading opens a section whose text is the plain text (markup removed by CommonMark's
 * text renderer) of the blocks up to the next heading. Text before the first heading is a section without heading.
 */
final class MarkdownSections {

    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer renderer = TextContentRenderer.builder().build();

    List<DocumentResponse.Section> sections(String markdown) {
        List<DocumentResponse.Section> sections = new ArrayList<>();
        String heading = null;
        List<String> blocks = new ArrayList<>();
        for (Node block = parser.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading) {
                add(sections, heading, blocks);
                heading = renderer.render(block).strip();
                blocks = new ArrayList<>();
            } else {
                String text = renderer.render(block).strip();
                if (!text.isEmpty()) {
                    blocks.add(text);
                }
            }
        }
        add(sections, heading, blocks);
        return sections;
    }

    private static void add(List<DocumentResponse.Section> sections, String heading, List<String> blocks) {
        if (heading != null || !blocks.isEmpty()) {
            sections.add(new DocumentResponse.Section(heading, String.join("\n\n", blocks)));
        }
    }
}
