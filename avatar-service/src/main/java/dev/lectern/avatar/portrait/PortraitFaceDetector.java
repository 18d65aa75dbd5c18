package dev.lectern.avatar.portrait;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Face check at upload: OpenCV's frontal-face Haar cascade, loaded once. Same rules as the worker's landmark detector
 * (faces under 15 % of the shorter side are ignored as false hits; the largest face is the one animated), so a
 * portrait accepted here is one the worker can animate.
 */
public final class PortraitFaceDetector implements AutoCloseable {

    static final double MIN_FACE_FRACTION = 0.15;
    private static final int DETECTION_SIDE = 640;

    private final CascadeClassifier faces;

    public PortraitFaceDetector() {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform()
                + "/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";
        try (InputStream in = PortraitFaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Haar cascade " + resource + " is not on the classpath");
            }
            Path file = Files.createTempFile("lectern-frontalface", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            faces = new CascadeClassifier(file.toString());
            Files.deleteIfExists(file);
            if (faces.empty()) {
                throw new IllegalStateException("OpenCV could not load " + resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param largest the chosen face in image pixels, null if none */
    public record Faces(int count, FaceBox largest) {
    }

    public record FaceBox(int x, int y, int width, int height) {
    }

    /** @param image a {@code TYPE_3BYTE_BGR} image */
    public synchronized Faces detect(BufferedImage image) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        double scale = Math.min(1.0, (double) DETECTION_SIDE / Math.max(image.getWidth(), image.getHeight()));
        try (BytePointer data = new BytePointer(pixels);
                Mat bgr = new Mat(image.getHeight(), image.getWidth(), opencv_core.CV_8UC3, data);
                Mat gray = new Mat(); Mat small = new Mat(); RectVector hits = new RectVector()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            resize(gray, small, new Size((int) Math.round(image.getWidth() * scale),
                    (int) Math.round(image.getHeight() * scale)), 0, 0, INTER_AREA);
            equalizeHist(small, small);
            int minSide = (int) Math.round(Math.min(small.cols(), small.rows()) * MIN_FACE_FRACTION);
            faces.detectMultiScale(small, hits, 1.1, 4, 0, new Size(minSide, minSide), new Size());
            FaceBox best = null;
            for (long i = 0; i < hits.size(); i++) {
                Rect r = hits.get(i);
                if (best == null || r.width() * r.height() > best.width() * best.height()) {
                    best = new FaceBox((int) Math.round(r.x() / scale), (int) Math.round(r.y() / scale),
                            (int) Math.round(r.width() / scale), (int) Math.round(r.height() / scale));
                }
            }
            return new Faces((int) hits.size(), best);
        }
    }

    @Override
    public void close() {
        faces.close();
    }
}
