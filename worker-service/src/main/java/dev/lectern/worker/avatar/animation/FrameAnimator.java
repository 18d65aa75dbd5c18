package dev.lectern.worker.avatar.animation;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws frames of one job from a shared {@link PortraitRig}: the jaw drops by a remap of the lower-face rectangle
 * only (the one place with per-pixel work), the head rolls and shifts by one affine warp of the whole frame, then the
 * dark mouth interior and the eyelids are drawn on top. Not thread-safe (it owns its buffers): one animator per job.
 */
public final class FrameAnimator implements AutoCloseable {

    private static final Scalar MOUTH = new Scalar(38, 24, 62, 0);
    private static final Scalar LASH = new Scalar(30, 30, 40, 0);

    private final PortraitRig rig;
    private final Rect jawRect;
    private final Mat mapX;
    private final Mat mapY;
    private final float[] xs;
    private final float[] ys;
    private final float[] jawLocal;
    private final Mat face;
    private final Mat jawPatch;
    private final Mat affine;
    private final Mat frame;
    private final Size size;

    public FrameAnimator(PortraitRig rig) {
        this.rig = rig;
        int[] b = rig.jawBox;
        int w = Math.max(1, b[2]);
        int h = Math.max(1, b[3]);
        this.jawRect = new Rect(b[0], b[1], w, h);
        this.mapX = new Mat(h, w, CV_32FC1);
        this.mapY = new Mat(h, w, CV_32FC1);
        this.xs = new float[w * h];
        this.ys = new float[w * h];
        this.jawLocal = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                xs[y * w + x] = b[0] + x;
                int gx = Math.min(rig.width - 1, b[0] + x);
                int gy = Math.min(rig.height - 1, b[1] + y);
                jawLocal[y * w + x] = rig.jaw[gy * rig.width + gx];
            }
        }
        ((FloatBuffer) mapX.createBuffer()).put(xs);
        this.face = new Mat();
        this.jawPatch = new Mat();
        this.affine = new Mat(2, 3, CV_64FC1);
        this.frame = new Mat();
        this.size = new Size(rig.width, rig.height);
    }

    /**
     * @param open mouth opening 0..1
     * @param blink eyelid closure 0..1
     * @param angleDegrees head roll
     * @param dx head shift in pixels at 512 px output
     * @param dy head shift in pixels at 512 px output
     * @return the frame (BGR, owned by this animator; valid until the next call)
     */
    public Mat render(double open, double blink, double angleDegrees, double dx, double dy) {
        rig.base.copyTo(face);
        double drop = open * rig.jawDrop;
        if (drop >= 0.05 && rig.jawBox[2] > 0) {
            int w = jawRect.width();
            int h = jawRect.height();
            int top = jawRect.y();
            float o = (float) open;
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    ys[row + x] = top + y - o * jawLocal[row + x];
                }
            }
            ((FloatBuffer) mapY.createBuffer()).put(ys);
            remap(rig.base, jawPatch, mapX, mapY, INTER_LINEAR, BORDER_REPLICATE, new Scalar());
            try (Mat target = new Mat(face, jawRect)) {
                jawPatch.copyTo(target);
            }
        }
        double scale = rig.width / 512.0;
        double a = Math.toRadians(angleDegrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double tx = dx * scale;
        double ty = dy * scale;
        double cx = rig.faceCx;
        double cy = rig.faceCy;
        // forward map p = R (q - c) + c + t
        ((DoubleBuffer) affine.createBuffer()).put(new double[] {cos, -sin, cx - cos * cx + sin * cy + tx,
            sin, cos, cy - sin * cx - cos * cy + ty});
        warpAffine(face, frame, affine, size, INTER_LINEAR, BORDER_REPLICATE, new Scalar());

        if (drop >= 0.8) {
            double[] m = forward(rig.mouthCx, rig.mouthCy + drop * 0.5, cos, sin, tx, ty);
            ellipse(frame, new Point((int) Math.round(m[0]), (int) Math.round(m[1])),
                    new Size((int) Math.round(rig.mouthW * 0.26 * (1 + 0.15 * open)), (int) Math.round(drop * 0.55)),
                    angleDegrees, 0, 360, MOUTH, FILLED, LINE_AA, 0);
        }
        if (blink > 0.05) {
            eyelid(rig.leftEye, blink, angleDegrees, cos, sin, tx, ty);
            eyelid(rig.rightEye, blink, angleDegrees, cos, sin, tx, ty);
        }
        return frame;
    }

    private void eyelid(double[] eye, double blink, double angleDegrees, double cos, double sin, double tx,
            double ty) {
        double lidHalf = rig.eyeH * blink / 2;
        double[] c = forward(eye[0], eye[1] - rig.eyeH / 2 + lidHalf, cos, sin, tx, ty);
        Point centre = new Point((int) Math.round(c[0]), (int) Math.round(c[1]));
        ellipse(frame, centre, new Size((int) Math.round(rig.eyeW / 2), Math.max(1, (int) Math.round(lidHalf))),
                angleDegrees, 0, 360, rig.skin, FILLED, LINE_AA, 0);
        if (blink > 0.6) {
            ellipse(frame, centre, new Size((int) Math.round(rig.eyeW / 2), Math.max(1, (int) Math.round(lidHalf))),
                    angleDegrees, 20, 160, LASH, 2, LINE_AA, 0);
        }
    }

    /** Where a still-portrait point appears after the head's roll and shift. */
    private double[] forward(double x, double y, double cos, double sin, double tx, double ty) {
        double px = x - rig.faceCx;
        double py = y - rig.faceCy;
        return new double[] {cos * px - sin * py + rig.faceCx + tx, sin * px + cos * py + rig.faceCy + ty};
    }

    @Override
    public void close() {
        mapX.close();
        mapY.close();
        face.close();
        jawPatch.close();
        affine.close();
        frame.close();
        jawRect.close();
        size.close();
    }
}
