package dev.lectern.worker.avatar.animation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.sumElems;

import dev.lectern.worker.avatar.face.FaceDetector;
import dev.lectern.worker.avatar.face.FaceDetectorTests;
import dev.lectern.worker.avatar.face.FaceLandmarks;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrameAnimatorTests {

    private static Mat portrait;
    private static FaceLandmarks landmarks;

    @BeforeAll
    static void prepare() throws Exception {
        portrait = FaceDetectorTests.portrait("portrait-obama.jpg");
        try (FaceDetector detector = new FaceDetector()) {
            landmarks = detector.detect(portrait).orElseThrow();
        }
    }

    @AfterAll
    static void release() {
        portrait.close();
    }

    private static double difference(Mat a, Mat b, Rect where) {
        try (Mat ra = new Mat(a, where); Mat rb = new Mat(b, where); Mat d = new Mat()) {
            absdiff(ra, rb, d);
            var sum = sumElems(d);
            return (sum.get(0) + sum.get(1) + sum.get(2)) / (where.width() * (double) where.height());
        }
    }

    @Test
    void aClosedMouthAndStillHeadReproduceTheFramedPortrait() {
        try (PortraitRig rig = PortraitRig.of(portrait, landmarks, 512, 512);
                FrameAnimator animator = new FrameAnimator(rig)) {
            Mat still = animator.render(0, 0, 0, 0, 0);

            assertThat(difference(still, rig.base, new Rect(0, 0, 512, 512))).isLessThan(0.5);
        }
    }

    @Test
    void openingTheMouthChangesTheMouthRegionAndLeavesTheEyesAlone() {
        try (PortraitRig rig = PortraitRig.of(portrait, landmarks, 512, 512);
                FrameAnimator animator = new FrameAnimator(rig)) {
            Mat closed = animator.render(0, 0, 0, 0, 0).clone();
            Mat open = animator.render(1, 0, 0, 0, 0).clone();
            int[] m = rig.mouthRegion();
            Rect mouth = new Rect(m[0], m[1], m[2], m[3]);
            Rect eyes = new Rect((int) rig.leftEye[0] - 20, (int) rig.leftEye[1] - 10, 40, 20);

            assertThat(difference(closed, open, mouth)).isGreaterThan(20);
            assertThat(difference(closed, open, eyes)).isLessThan(0.5);
            closed.close();
            open.close();
        }
    }

    @Test
    void aBlinkCoversTheEyesOnly() {
        try (PortraitRig rig = PortraitRig.of(portrait, landmarks, 512, 512);
                FrameAnimator animator = new FrameAnimator(rig)) {
            Mat open = animator.render(0, 0, 0, 0, 0).clone();
            Mat shut = animator.render(0, 1, 0, 0, 0).clone();
            Rect eye = new Rect((int) (rig.leftEye[0] - rig.eyeW / 3), (int) (rig.leftEye[1] - rig.eyeH / 3),
                    (int) (rig.eyeW * 2 / 3), (int) (rig.eyeH * 2 / 3));
            int[] m = rig.mouthRegion();

            assertThat(difference(open, shut, eye)).isGreaterThan(10);
            assertThat(difference(open, shut, new Rect(m[0], m[1], m[2], m[3]))).isLessThan(0.5);
            open.close();
            shut.close();
        }
    }
}
