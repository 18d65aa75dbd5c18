package dev.lectern.worker.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Set;

/**
 * The one look every scene shares: dark slate background, light text, a sky-blue accent, green for a right answer.
 * Sizes are fractions of the frame height so every resolution looks the same. DejaVu Sans (Debian's
 * fonts-dejavu-core, in the worker image) when installed, else the JDK's logical sans-serif.
 */
public final class Theme {

    public static final Color BACKGROUND = new Color(0x0F172A);
    public static final Color PANEL = new Color(0x1E293B);
    public static final Color TEXT = new Color(0xF8FAFC);
    public static final Color MUTED = new Color(0x94A3B8);
    public static final Color ACCENT = new Color(0x38BDF8);
    public static final Color CORRECT = new Color(0x22C55E);

    public static final String FONT_FAMILY = pickFont();

    /** Title-safe area: 8 % of the width left and right, 10 % of the height top and bottom. */
    public static final double MARGIN_X = 0.08;
    public static final double MARGIN_Y = 0.10;

    /** Enter and exit animation lengths, in seconds. */
    public static final double ENTER_SECONDS = 0.4;
    public static final double EXIT_SECONDS = 0.3;

    private Theme() {
    }

    public static Font font(int style, float size) {
        return new Font(FONT_FAMILY, style, 1).deriveFont(style, size);
    }

    private static String pickFont() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        return installed.contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }
}
