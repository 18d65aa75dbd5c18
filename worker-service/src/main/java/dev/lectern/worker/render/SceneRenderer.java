package dev.lectern.worker.render;

import dev.lectern.common.video.Scene;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the frames of one scene with Java2D into a reused {@code TYPE_3BYTE_BGR} image (the byte layout the encoder
 * takes without conversion). Text is laid out once per scene; a frame is redrawn only when its visual state changes
 * (most frames of a scene are still), which is what keeps drawing cheap next to encoding.
 */
public final class SceneRenderer {

    /** Quantisation of fades: 24 levels are smooth at 30 fps and let still frames be recognised as such. */
    private static final int LEVELS = 24;

    private final Scene scene;
    private final int width;
    private final int height;
    private final int fps;
    private final int frameCount;
    private final Layout layout;
    private final BufferedImage image;
    private final Graphics2D g;
    private FrameState drawn;

    public SceneRenderer(Scene scene, int width, int height, int fps) {
        this.scene = scene;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.frameCount = (int) Math.round(scene.durationSeconds() * fps);
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        this.layout = layout();
    }

    public int frameCount() {
        return frameCount;
    }

    public BufferedImage image() {
        return image;
    }

    /**
     * Brings {@link #image()} to frame {@code index}.
     *
     * @return whether the pixels changed since the previous call (false for a still frame)
     */
    public boolean render(int index) {
        FrameState state = state(index);
        if (state.equals(drawn)) {
            return false;
        }
        draw(state);
        drawn = state;
        return true;
    }

    /** Releases the drawing surface. */
    public void dispose() {
        g.dispose();
    }

    record FrameState(int fade, int step, int stepFade) {
    }

    FrameState state(int index) {
        double t = index / (double) fps;
        double duration = scene.durationSeconds();
        double enter = clamp(t / Theme.ENTER_SECONDS);
        double exit = clamp((duration - t) / Theme.EXIT_SECONDS);
        int fade = quantise(ease(Math.min(enter, exit)));
        int steps = layout.items.size();
        int step;
        double stepProgress;
        switch (scene) {
            case Scene.Bullets b -> {
                // Points appear one by one across the scene, leaving the last second to read them all.
                double window = Math.max(0.2, duration - Theme.ENTER_SECONDS - 1.0);
                double slot = window / steps;
                double since = t - Theme.ENTER_SECONDS;
                step = (int) Math.floor(since / slot) + 1;
                stepProgress = clamp((since - (step - 1) * slot) / Math.min(0.35, slot));
            }
            case Scene.Flashcard f -> {
                double reveal = duration * 0.5;
                step = t >= reveal ? 1 : 0;
                stepProgress = clamp((t - reveal) / 0.35);
            }
            case Scene.Quiz q -> {
                double reveal = duration * 0.6;
                step = t >= reveal ? 1 : 0;
                stepProgress = clamp((t - reveal) / 0.35);
            }
            default -> {
                step = steps;
                stepProgress = 1;
            }
        }
        step = Math.max(0, Math.min(step, steps));
        return new FrameState(fade, step, quantise(ease(stepProgress)));
    }

    private void draw(FrameState state) {
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(Theme.BACKGROUND);
        g.fillRect(0, 0, width, height);
        float alpha = state.fade() / (float) LEVELS;
        if (alpha <= 0) {
            return;
        }
        int slide = Math.round((1 - alpha) * height * 0.03f);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
        g.setColor(Theme.ACCENT);
        g.fillRect(layout.left, layout.accentY + slide, Math.round(width * 0.06f), Math.max(3, height / 120));
        drawText(layout.header, layout.left, layout.headerY + slide, layout.headerColor);
        if (layout.subheader != null) {
            drawText(layout.subheader, layout.left, layout.subheaderY + slide, Theme.MUTED);
        }
        float stepAlpha = state.stepFade() / (float) LEVELS;
        for (int i = 0; i < layout.items.size(); i++) {
            Item item = layout.items.get(i);
            float itemAlpha = alpha * itemAlpha(i, state, stepAlpha);
            if (itemAlpha <= 0) {
                continue;
            }
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, itemAlpha));
            boolean highlighted = item.correct && state.step() >= 1;
            if (item.panel) {
                g.setColor(highlighted ? blend(Theme.PANEL, Theme.CORRECT, stepAlpha * 0.55f) : Theme.PANEL);
                g.fill(new RoundRectangle2D.Float(layout.left, item.y + slide, layout.innerWidth + item.inset * 2f,
                        item.height, height / 40f, height / 40f));
                if (highlighted) {
                    g.setColor(Theme.CORRECT);
                    g.setStroke(new BasicStroke(Math.max(2, height / 240f)));
                    g.draw(new RoundRectangle2D.Float(layout.left, item.y + slide, layout.innerWidth + item.inset * 2f,
                            item.height, height / 40f, height / 40f));
                }
            }
            if (item.marker != null) {
                g.setColor(highlighted ? Theme.CORRECT : Theme.ACCENT);
                g.setFont(item.text.font());
                g.drawString(item.marker, layout.left + item.inset, item.y + slide + item.padding + item.text.ascent());
            }
            drawText(item.text, layout.left + item.inset + item.markerWidth, item.y + slide + item.padding,
                    item.label ? Theme.MUTED : Theme.TEXT);
        }
    }

    private float itemAlpha(int i, FrameState state, float stepAlpha) {
        return switch (scene) {
            case Scene.Bullets b -> i < state.step() - 1 ? 1 : i == state.step() - 1 ? stepAlpha : 0;
            case Scene.Flashcard f -> i < 2 ? 1 : state.step() >= 1 ? stepAlpha : 0;
            default -> 1;
        };
    }

    private void drawText(TextFitter.Fitted text, int x, int y, Color color) {
        g.setColor(color);
        g.setFont(text.font());
        int baseline = y + text.ascent();
        for (String line : text.lines()) {
            g.drawString(line, x, baseline);
            baseline += text.lineHeight();
        }
    }

    /** Header, optional subheader and the scene's items, fitted once into the title-safe area. */
    private Layout layout() {
        int left = (int) Math.round(width * Theme.MARGIN_X);
        int top = (int) Math.round(height * Theme.MARGIN_Y);
        int safeWidth = width - 2 * left;
        int safeHeight = height - 2 * top;
        float h = height;
        Layout layout = new Layout(left, safeWidth);
        switch (scene) {
            case Scene.Title t -> {
                layout.header = TextFitter.fit(g, t.title(), Font.BOLD, h * 0.095f, h * 0.04f, safeWidth,
                        (int) (safeHeight * 0.55), 4);
                int subHeight = 0;
                if (t.subtitle() != null && !t.subtitle().isBlank()) {
                    layout.subheader = TextFitter.fit(g, t.subtitle(), Font.PLAIN, h * 0.05f, h * 0.028f, safeWidth,
                            (int) (safeHeight * 0.3), 3);
                    subHeight = layout.subheader.height() + (int) (h * 0.03);
                }
                int block = layout.header.height() + subHeight;
                layout.headerY = top + (safeHeight - block) / 2;
                layout.accentY = layout.headerY - (int) (h * 0.04);
                layout.subheaderY = layout.headerY + layout.header.height() + (int) (h * 0.03);
            }
            case Scene.Bullets b -> listLayout(layout, b.title(), b.bullets(), "•", -1, top, safeWidth, safeHeight, false);
            case Scene.Summary s -> listLayout(layout, s.title(), s.points(), "✓", -1, top, safeWidth, safeHeight, false);
            case Scene.Quiz q -> {
                listLayout(layout, q.question(), q.options(), null, q.answerIndex(), top, safeWidth, safeHeight, true);
            }
            case Scene.Flashcard f -> {
                layout.header = TextFitter.fit(g, "Flashcard", Font.BOLD, h * 0.045f, h * 0.03f, safeWidth, (int) (h * 0.08), 1);
                layout.headerColor = Theme.ACCENT;
                layout.headerY = top;
                layout.accentY = top - (int) (h * 0.03);
                int panelTop = top + layout.header.height() + (int) (h * 0.03);
                int panelHeight = (safeHeight - layout.header.height() - (int) (h * 0.06)) / 2;
                int inset = (int) (h * 0.03);
                int textWidth = safeWidth - 2 * inset;
                int labelHeight = (int) (h * 0.05);
                int textHeight = panelHeight - 2 * inset - labelHeight;
                addPanel(layout, "QUESTION", f.question(), panelTop, panelHeight, inset, textWidth, labelHeight, textHeight);
                addPanel(layout, "ANSWER", f.answer(), panelTop + panelHeight + (int) (h * 0.03), panelHeight, inset,
                        textWidth, labelHeight, textHeight);
            }
        }
        return layout;
    }

    private void addPanel(Layout layout, String label, String text, int y, int panelHeight, int inset, int textWidth,
            int labelHeight, int textHeight) {
        float h = height;
        layout.items.add(new Item(TextFitter.fit(g, label, Font.BOLD, h * 0.03f, h * 0.02f, textWidth, labelHeight, 1),
                y, panelHeight, inset, inset, null, 0, false, true, true));
        layout.items.add(new Item(TextFitter.fit(g, text, Font.PLAIN, h * 0.055f, h * 0.028f, textWidth, textHeight, 5),
                y + labelHeight, textHeight, inset, inset, null, 0, false, false, false));
    }

    private void listLayout(Layout layout, String title, List<String> entries, String marker, int correctIndex,
            int top, int safeWidth, int safeHeight, boolean panels) {
        float h = height;
        layout.header = TextFitter.fit(g, title, Font.BOLD, h * 0.07f, h * 0.035f, safeWidth, (int) (safeHeight * 0.28), 3);
        layout.headerY = top;
        layout.accentY = top - (int) (h * 0.03);
        int gap = (int) (h * 0.022);
        int listTop = top + layout.header.height() + (int) (h * 0.045);
        int listHeight = top + safeHeight - listTop;
        int each = (listHeight - gap * (entries.size() - 1)) / entries.size();
        int inset = panels ? (int) (h * 0.025) : 0;
        int padding = panels ? Math.max(2, (int) (h * 0.012)) : 0;
        float preferred = Math.min(h * 0.05f, each * 0.6f);
        Font markerFont = Theme.font(Font.BOLD, preferred);
        int textWidth = safeWidth - g.getFontMetrics(markerFont).stringWidth("W  ") - 2 * inset;
        // Every entry of a list shares one size: the largest at which all of them fit.
        float size = preferred;
        for (String entry : entries) {
            size = Math.min(size, TextFitter.fit(g, entry, Font.PLAIN, size, h * 0.024f, textWidth, each - 2 * padding, 4)
                    .font().getSize2D());
        }
        for (int i = 0; i < entries.size(); i++) {
            String label = marker != null ? marker : String.valueOf((char) ('A' + i));
            TextFitter.Fitted text = TextFitter.fit(g, entries.get(i), Font.PLAIN, size, size, textWidth,
                    each - 2 * padding, 4);
            int y = listTop + i * (each + gap);
            layout.items.add(new Item(text, y, each, inset, padding, label + "  ",
                    g.getFontMetrics(text.font()).stringWidth(label + "  "), i == correctIndex, panels, false));
        }
    }

    private static final class Layout {
        final int left;
        final int innerWidth;
        TextFitter.Fitted header;
        TextFitter.Fitted subheader;
        Color headerColor = Theme.TEXT;
        int headerY;
        int subheaderY;
        int accentY;
        final List<Item> items = new ArrayList<>();

        Layout(int left, int safeWidth) {
            this.left = left;
            this.innerWidth = safeWidth;
        }
    }

    /** One laid-out element: its text, where it sits, and how it is drawn. */
    private record Item(TextFitter.Fitted text, int y, int height, int inset, int padding, String marker,
            int markerWidth, boolean correct, boolean panel, boolean label) {
    }

    private static Color blend(Color from, Color to, float amount) {
        return new Color(Math.round(from.getRed() + (to.getRed() - from.getRed()) * amount),
                Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * amount),
                Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * amount));
    }

    private static int quantise(double value) {
        return (int) Math.round(clamp(value) * LEVELS);
    }

    private static double ease(double x) {
        return x * x * (3 - 2 * x);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
