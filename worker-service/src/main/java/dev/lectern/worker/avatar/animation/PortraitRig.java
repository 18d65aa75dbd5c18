package dev.lectern.worker.avatar.animation;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lectern.worker.avatar.face.FaceLandmarks;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A portrait prepared for animation at one output size: framed around the face (head and shoulders), the landmarks
 * in output pixels, the skin tone for eyelids and the jaw's displacement field. Built once per portrait and size and
 * shared, read-only, by every job of a batch that uses it.
 */
public final class PortraitRig implements AutoCloseable {

    final int width;
    final int height;
    final Mat base;
    final double faceCx;
    final double faceCy;
    final double faceW;
    final double faceH;
    final double mouthCx;
    final double mouthCy;
    final double mouthW;
    /** Largest jaw drop in pixels. */
    final double jawDrop;
    final double[] leftEye;
    final double[] rightEye;
    final double eyeW;
    final double eyeH;
    final Scalar skin;
    /** Per-pixel downward displacement of the lower face at full opening, in pixels (whole frame). */
    final float[] jaw;
    /** The rectangle outside which {@link #jaw} is zero: x, y, width, height. */
    final int[] jawBox;

    private PortraitRig(int width, int height, Mat base, FaceLandmarks lm, double sx, double sy, double ox,
            double oy) {
        this.width = width;
        this.height = height;
        this.base = base;
        FaceLandmarks.Box f = lm.face();
        this.faceW = f.width() * sx;
        this.faceH = f.height() * sy;
        this.faceCx = (f.x() - ox) * sx + faceW / 2;
        this.faceCy = (f.y() - oy) * sy + faceH / 2;
        FaceLandmarks.Box m = lm.mouth();
        this.mouthW = m.width() * sx;
        this.mouthCx = (m.x() - ox) * sx + mouthW / 2;
        this.mouthCy = (m.y() - oy) * sy + m.height() * sy / 2;
        this.jawDrop = Math.max(2, faceH * 0.085);
        this.leftEye = new double[] {(lm.leftEye().x() - ox) * sx, (lm.leftEye().y() - oy) * sy};
        this.rightEye = new double[] {(lm.rightEye().x() - ox) * sx, (lm.rightEye().y() - oy) * sy};
        this.eyeW = faceW * 0.2;
        this.eyeH = faceW * 0.085;
        this.skin = sampleSkin();
        this.jaw = jawField();
        this.jawBox = nonZeroBox(jaw, width, height);
    }

    private static int[] nonZeroBox(float[] field, int width, int height) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (field[y * width + x] != 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new int[] {0, 0, 0, 0} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    /**
     * Frames the portrait: a crop about 2.2 face widths across (clamped to the image), centred a little below the
     * face centre, scaled to {@code width × height}.
     */
    public static PortraitRig of(Mat portrait, FaceLandmarks landmarks, int width, int height) {
        FaceLandmarks.Box f = landmarks.face();
        double aspect = (double) height / width;
        double cropW = Math.min(f.width() * 2.2, Math.min(portrait.cols(), portrait.rows() / aspect));
        double cropH = cropW * aspect;
        double cx = f.x() + f.width() / 2.0;
        double cy = f.y() + f.height() * 0.6;
        int x = (int) Math.round(Math.clamp(cx - cropW / 2, 0, portrait.cols() - cropW));
        int y = (int) Math.round(Math.clamp(cy - cropH / 2, 0, portrait.rows() - cropH));
        int w = Math.min((int) Math.round(cropW), portrait.cols() - x);
        int h = Math.min((int) Math.round(cropH), portrait.rows() - y);
        Mat base = new Mat();
        try (Mat crop = new Mat(portrait, new Rect(x, y, w, h))) {
            resize(crop, base, new Size(width, height), 0, 0, w > width ? INTER_AREA : INTER_CUBIC);
        }
        return new PortraitRig(width, height, base, landmarks, (double) width / w, (double) height / h, x, y);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The mouth region in output pixels (x, y, w, h) with room for the jaw's full drop. */
    public int[] mouthRegion() {
        int w = (int) Math.round(mouthW);
        int h = (int) Math.round(jawDrop * 2.5);
        return new int[] {(int) Math.round(mouthCx - w / 2.0), (int) Math.round(mouthCy - jawDrop * 0.5), w, h};
    }

    private Scalar sampleSkin() {
        // Between and just above the eyes: skin in almost every portrait, free of hair and mouth.
        int cx = (int) Math.round((leftEye[0] + rightEye[0]) / 2);
        int cy = (int) Math.round((leftEye[1] + rightEye[1]) / 2 - eyeH);
        int half = Math.max(2, (int) (eyeW * 0.25));
        int x0 = Math.clamp(cx - half, 0, width - 1);
        int y0 = Math.clamp(cy - half, 0, height - 1);
        int w = Math.max(1, Math.min(2 * half, width - x0));
        int h = Math.max(1, Math.min(2 * half, height - y0));
        try (Mat patch = new Mat(base, new Rect(x0, y0, w, h))) {
            Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(patch);
            // an eyelid sits in the brow's shadow: a little darker than the skin between the eyes
            return new Scalar(mean.get(0) * 0.85, mean.get(1) * 0.85, mean.get(2) * 0.85, 0);
        }
    }

    /**
     * Below the mouth line the face moves down with the jaw: zero at the lips' line, ramping to the full drop over a
     * span longer than the drop (so the warp never folds), full down to the chin, fading out over the neck;
     * horizontally a raised cosine across the jaw.
     */
    private float[] jawField() {
        float[] field = new float[width * height];
        double ramp = jawDrop * 1.8;
        double chin = faceCy + faceH * 0.5;
        double fade = faceH * 0.3;
        double halfJaw = faceW * 0.42;
        for (int y = 0; y < height; y++) {
            double v;
            if (y <= mouthCy) {
                v = 0;
            } else if (y < mouthCy + ramp) {
                v = smooth((y - mouthCy) / ramp);
            } else if (y < chin) {
                v = 1;
            } else if (y < chin + fade) {
                v = 1 - smooth((y - chin) / fade);
            } else {
                v = 0;
            }
            if (v == 0) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                double d = Math.abs(x - mouthCx) / halfJaw;
                if (d < 1) {
                    field[y * width + x] = (float) (jawDrop * v * 0.5 * (1 + Math.cos(Math.PI * d)));
                }
            }
        }
        return field;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    @Override
    public void close() {
        base.close();
    }
}
