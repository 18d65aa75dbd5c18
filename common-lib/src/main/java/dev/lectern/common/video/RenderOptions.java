package dev.lectern.common.video;

/**
 * How a video is encoded. {@code quality} picks the encoder preset and rate factor: {@code standard} renders fast,
 * {@code high} spends more time for a smaller, sharper file.
 */
public record RenderOptions(int width, int height, int fps, Quality quality) {

    public enum Quality {
        STANDARD, HIGH
    }

    public static final RenderOptions DEFAULT = new RenderOptions(1280, 720, 30, Quality.STANDARD);

    public String resolution() {
        return width + "x" + height;
    }
}
