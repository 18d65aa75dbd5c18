package dev.lectern.worker.encoding;

import dev.lectern.common.video.RenderOptions;

/**
 * Identical settings for every segment of a video, so segments can be joined by stream copy: codec, pixel format,
 * size, frame rate, GOP, preset and rate factor.
 *
 * @param codec {@code libx264} or {@code h264_nvenc}
 * @param threads encoder threads per segment; parallelism comes from rendering scenes side by side
 */
public record EncoderSettings(String codec, int width, int height, int fps, String preset, int quality, int threads) {

    public static EncoderSettings of(String codec, RenderOptions options, int threads) {
        boolean high = options.quality() == RenderOptions.Quality.HIGH;
        boolean nvenc = codec.equals(EncoderSelector.NVENC);
        // x264: CRF; NVENC: constant QP with its own preset names.
        String preset = nvenc ? (high ? "p6" : "p3") : (high ? "medium" : "veryfast");
        int quality = high ? 20 : 23;
        return new EncoderSettings(codec, options.width(), options.height(), options.fps(), preset, quality, threads);
    }

    /** Part of every scene-cache key: a change here must never reuse a segment made with other settings. */
    public String fingerprint() {
        return codec + "|" + width + "x" + height + "|" + fps + "|" + preset + "|" + quality + "|yuv420p|gop" + (fps * 2);
    }
}
