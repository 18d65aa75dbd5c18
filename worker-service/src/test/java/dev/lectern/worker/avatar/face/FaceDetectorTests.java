package dev.lectern.worker.avatar.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class FaceDetectorTests {

    private static FaceDetector detector;

    @BeforeAll
    static void load() {
        detector = new FaceDetector();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    public static Mat portrait(String name) throws IOException {
        try (InputStream in = FaceDetectorTests.class.getResourceAsStream("/avatar/" + name)) {
            byte[] bytes = in.readAllBytes();
            try (Mat raw = new Mat(1, bytes.length, CV_8UC1, new BytePointer(bytes))) {
                return imdecode(raw, IMREAD_COLOR);
            }
        }
    }

    @Test
    void findsExactlyTheOneRealFaceInTheSamplePortraitNotTheSmallFalseHit() throws IOException {
        try (Mat image = portrait("portrait-obama.jpg")) {
            FaceLandmarks lm = detector.detect(image).orElseThrow();

            assertThat(lm.facesFound()).isEqualTo(1);
            assertThat(lm.imageWidth()).isEqualTo(910);
            assertThat(lm.imageHeight()).isEqualTo(1137);
            // The face is large and in the upper half of the picture, not the small hit at the bottom right.
            assertThat(lm.face().width()).isGreaterThan(200);
            assertThat(lm.face().y() + lm.face().height() / 2).isLessThan(1137 / 2);
        }
    }

    @Test
    void placesEyesAndMouthInsideTheFaceBoxInAnatomicalOrder() throws IOException {
        try (Mat image = portrait("portrait-obama.jpg")) {
            FaceLandmarks lm = detector.detect(image).orElseThrow();

            assertThat(lm.face().contains(lm.leftEye())).isTrue();
            assertThat(lm.face().contains(lm.rightEye())).isTrue();
            assertThat(lm.face().contains(lm.mouth())).isTrue();
            assertThat(lm.leftEye().x()).isLessThan(lm.rightEye().x());
            assertThat(lm.mouth().y()).isGreaterThan(Math.max(lm.leftEye().y(), lm.rightEye().y()));
            assertThat(lm.eyesDetected()).isTrue();
        }
    }

    @Test
    void findsNoFaceInAFlatPicture() {
        try (Mat flat = new Mat(400, 400, CV_8UC3, new Scalar(120, 160, 200, 0))) {
            assertThat(detector.detect(flat)).isEmpty();
        }
    }
}
