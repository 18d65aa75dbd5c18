package dev.lectern.worker.avatar.face;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds the face, eyes and mouth region with OpenCV's Haar cascades (shipped in the JavaCV OpenCV jar). Loaded once
 * per worker and kept. Faces smaller than {@link #MIN_FACE_FRACTION} of the image's shorter side are ignored: a
 * naive detector also reports small false faces in clothing and backgrounds, and a portrait's face is never that
 * small. Of the rest, the largest is used and the count reported.
 */
public final class FaceDetector implements AutoCloseable {

    /** Smallest face considered, as a fraction of the image's shorter side. */
    public static final double MIN_FACE_FRACTION = 0.15;
    private static final int DETECTION_SIDE = 640;

    private final CascadeClassifier faces;
    private final CascadeClassifier eyes;

    public FaceDetector() {
        this.faces = load("haarcascade_frontalface_alt2.xml");
        this.eyes = load("haarcascade_eye.xml");
    }

    /** @return the landmarks of the largest face, or empty if there is none */
    public synchronized Optional<FaceLandmarks> detect(Mat bgr) {
        double scale = Math.min(1.0, (double) DETECTION_SIDE / Math.max(bgr.cols(), bgr.rows()));
        try (Mat gray = new Mat(); Mat small = new Mat(); RectVector hits = new RectVector()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            if (scale < 1.0) {
                resize(gray, small, new Size((int) Math.round(bgr.cols() * scale),
                        (int) Math.round(bgr.rows() * scale)), 0, 0, INTER_AREA);
            } else {
                gray.copyTo(small);
            }
            equalizeHist(small, small);
            int minSide = (int) Math.round(Math.min(small.cols(), small.rows()) * MIN_FACE_FRACTION);
            faces.detectMultiScale(small, hits, 1.1, 4, 0, new Size(minSide, minSide), new Size());
            List<FaceLandmarks.Box> found = new ArrayList<>();
            for (long i = 0; i < hits.size(); i++) {
                Rect r = hits.get(i);
                found.add(new FaceLandmarks.Box(r.x(), r.y(), r.width(), r.height()));
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            FaceLandmarks.Box face = found.stream().max(Comparator.comparingInt(FaceLandmarks.Box::area)).orElseThrow();
            EyePair eyePair = findEyes(small, face);
            return Optional.of(toImage(face, eyePair, found.size(), scale, bgr.cols(), bgr.rows()));
        }
    }

    private record EyePair(FaceLandmarks.Point left, FaceLandmarks.Point right, boolean detected) {
    }

    /** Eyes in the upper part of the face box: the largest hit on each side, else face proportions. */
    private EyePair findEyes(Mat gray, FaceLandmarks.Box face) {
        int bandHeight = (int) (face.height() * 0.55);
        FaceLandmarks.Point left = null;
        FaceLandmarks.Point right = null;
        int leftArea = 0;
        int rightArea = 0;
        try (Mat band = new Mat(gray, new Rect(face.x(), face.y(), face.width(), bandHeight));
                RectVector hits = new RectVector()) {
            int min = Math.max(8, face.width() / 10);
            eyes.detectMultiScale(band, hits, 1.1, 3, 0, new Size(min, min), new Size(face.width() / 2,
                    face.width() / 2));
            for (long i = 0; i < hits.size(); i++) {
                Rect r = hits.get(i);
                int cx = face.x() + r.x() + r.width() / 2;
                int cy = face.y() + r.y() + r.height() / 2;
                if (cy < face.y() + face.height() * 0.2) {
                    continue; // eyebrows and hairline
                }
                int area = r.width() * r.height();
                if (cx < face.x() + face.width() / 2) {
                    if (area > leftArea) {
                        left = new FaceLandmarks.Point(cx, cy);
                        leftArea = area;
                    }
                } else if (area > rightArea) {
                    right = new FaceLandmarks.Point(cx, cy);
                    rightArea = area;
                }
            }
        }
        if (left != null && right != null) {
            return new EyePair(left, right, true);
        }
        int eyeY = face.y() + (int) (face.height() * 0.38);
        return new EyePair(new FaceLandmarks.Point(face.x() + (int) (face.width() * 0.31), eyeY),
                new FaceLandmarks.Point(face.x() + (int) (face.width() * 0.69), eyeY), false);
    }

    private static FaceLandmarks toImage(FaceLandmarks.Box face, EyePair eyePair, int count, double scale, int width,
            int height) {
        FaceLandmarks.Box f = scale(face, scale);
        FaceLandmarks.Point l = scale(eyePair.left(), scale);
        FaceLandmarks.Point r = scale(eyePair.right(), scale);
        // Mouth: centred under the eyes, about 0.77 of the face box down (Haar face boxes end near the chin).
        int mouthCentreX = (l.x() + r.x()) / 2;
        int mouthWidth = (int) (f.width() * 0.42);
        int mouthHeight = (int) (f.height() * 0.16);
        int mouthCentreY = f.y() + (int) (f.height() * 0.78);
        FaceLandmarks.Box mouth = new FaceLandmarks.Box(mouthCentreX - mouthWidth / 2, mouthCentreY - mouthHeight / 2,
                mouthWidth, mouthHeight);
        return new FaceLandmarks(width, height, f, l, r, mouth, count, eyePair.detected());
    }

    private static FaceLandmarks.Box scale(FaceLandmarks.Box b, double s) {
        return new FaceLandmarks.Box((int) Math.round(b.x() / s), (int) Math.round(b.y() / s),
                (int) Math.round(b.width() / s), (int) Math.round(b.height() / s));
    }

    private static FaceLandmarks.Point scale(FaceLandmarks.Point p, double s) {
        return new FaceLandmarks.Point((int) Math.round(p.x() / s), (int) Math.round(p.y() / s));
    }

    private static CascadeClassifier load(String name) {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + name;
        try (InputStream in = FaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Haar cascade " + resource + " is not on the classpath (the OpenCV "
                        + "natives jar for " + Loader.getPlatform() + " is missing)");
            }
            Path file = Files.createTempFile("lectern-" + name.replace(".xml", ""), ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            CascadeClassifier classifier = new CascadeClassifier(file.toString());
            Files.deleteIfExists(file);
            if (classifier.empty()) {
                throw new IllegalStateException("OpenCV could not load the cascade " + name);
            }
            return classifier;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract cascade " + name, e);
        }
    }

    @Override
    public void close() {
        faces.close();
        eyes.close();
    }
}
