package dev.lectern.worker.avatar.face;

/**
 * What the animation needs from a portrait, in the portrait's pixel coordinates: the chosen (largest) face, the eye
 * centres and the mouth region. Cached in Redis by the portrait's SHA-256, so it is a plain JSON-friendly record.
 *
 * @param facesFound faces the detector reported (the largest is used)
 * @param eyesDetected whether both eyes came from the eye cascade (false: placed by face proportions)
 */
public record FaceLandmarks(int imageWidth, int imageHeight, Box face, Point leftEye, Point rightEye, Box mouth,
        int facesFound, boolean eyesDetected) {

    public record Point(int x, int y) {
    }

    public record Box(int x, int y, int width, int height) {

        public boolean contains(Point p) {
            return p.x() >= x && p.x() < x + width && p.y() >= y && p.y() < y + height;
        }

        public boolean contains(Box b) {
            return b.x() >= x && b.y() >= y && b.x() + b.width() <= x + width && b.y() + b.height() <= y + height;
        }

        public int area() {
            return width * height;
        }
    }
}
