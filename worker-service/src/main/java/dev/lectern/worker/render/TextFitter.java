package dev.lectern.worker.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into a box: first shrink (from the preferred size towards the smallest readable one), then wrap at word
 * boundaries; a word longer than a line is broken. Text that cannot fit even at the smallest size is an error — never
 * silently clipped.
 */
public final class TextFitter {

    public record Fitted(Font font, List<String> lines, int lineHeight, int ascent) {

        public int height() {
            return lines.size() * lineHeight;
        }
    }

    public static class TextDoesNotFitException extends RuntimeException {
        public TextDoesNotFitException(String text, int width, int height) {
            super("Text of " + text.length() + " characters does not fit a " + width + "x" + height
                    + " box even at the smallest size: shorten it");
        }
    }

    private TextFitter() {
    }

    /**
     * @param maxLines most lines allowed at any size (1 for a single-line label)
     */
    public static Fitted fit(Graphics2D g, String text, int style, float preferredSize, float minSize, int width,
            int height, int maxLines) {
        for (float size = preferredSize; size >= minSize; size = Math.max(minSize, size * 0.92f)) {
            Font font = Theme.font(style, size);
            FontMetrics metrics = g.getFontMetrics(font);
            int lineHeight = Math.round(metrics.getHeight() * 1.1f);
            List<String> lines = wrap(text, metrics, width);
            if (lines.size() <= maxLines && lines.size() * lineHeight <= height) {
                return new Fitted(font, lines, lineHeight, metrics.getAscent());
            }
            if (size == minSize) {
                break;
            }
        }
        throw new TextDoesNotFitException(text, width, height);
    }

    static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (metrics.stringWidth(candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A single word wider than the line is broken where it must be.
                String rest = word;
                while (metrics.stringWidth(rest) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && metrics.stringWidth(rest.substring(0, cut)) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
        }
        return lines;
    }
}
