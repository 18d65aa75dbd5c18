package dev.lectern.avatar.portrait;

import dev.lectern.avatar.AvatarLimits;
import dev.lectern.avatar.AvatarProblems;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded portrait into a safe, canonical image: the format is recognised from its bytes (PNG or JPEG only),
 * the dimensions are read from the header and checked before anything is decoded, the image is decoded, turned
 * upright by its EXIF orientation, and re-encoded as PNG — which drops every piece of metadata (EXIF, GPS, ICC).
 */
public final class PortraitImage {

    /** The canonical portrait. */
    public record Canonical(BufferedImage image, byte[] png) {
    }

    private PortraitImage() {
    }

    public static Canonical canonicalise(byte[] bytes, AvatarLimits limits) {
        if (bytes.length == 0) {
            throw new UnprocessableException("The portrait file is empty.", List.of(new FieldError("file",
                    "must not be empty")));
        }
        if (bytes.length > limits.maxPortraitBytes()) {
            throw AvatarProblems.tooLarge("The portrait is " + bytes.length + " bytes; at most "
                    + limits.maxPortraitBytes() + " are accepted.");
        }
        String format = sniff(bytes);
        if (format == null) {
            throw AvatarProblems.unsupported("The file is not a PNG or JPEG image; upload a PNG or JPEG portrait.");
        }
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width > limits.maxPortraitSide() || height > limits.maxPortraitSide()
                        || width * height > limits.maxPortraitPixels()) {
                    throw new UnprocessableException("The portrait is " + width + "x" + height + " pixels; at most "
                            + limits.maxPortraitSide() + " pixels a side and " + limits.maxPortraitPixels()
                            + " pixels in all are accepted.", List.of(new FieldError("file", "image too large")));
                }
                if (width < 64 || height < 64) {
                    throw new UnprocessableException("The portrait is " + width + "x" + height
                            + " pixels; at least 64x64 are needed to find a face.", List.of(new FieldError("file",
                                    "image too small")));
                }
                decoded = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnprocessableException u) {
                throw u;
            }
            throw new UnprocessableException("The " + format.toUpperCase(java.util.Locale.ROOT)
                    + " image cannot be decoded (" + e.getMessage() + "); upload an intact file.",
                    List.of(new FieldError("file", "unreadable image")));
        }
        int orientation = format.equals("jpeg") ? ExifOrientation.of(bytes) : 1;
        BufferedImage upright = toRgb(orient(decoded, orientation));
        return new Canonical(upright, png(upright));
    }

    /** PNG or JPEG by magic bytes; null for anything else. */
    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        return null;
    }

    /** Applies EXIF orientation 1–8 (rotations and mirrorings). */
    static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        // x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12 (AffineTransform takes m00, m10, m01, m11, m02, m12)
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
