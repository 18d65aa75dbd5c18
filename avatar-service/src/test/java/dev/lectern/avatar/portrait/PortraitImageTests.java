package dev.lectern.avatar.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.avatar.AvatarLimits;
import dev.lectern.common.web.UnprocessableException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

public class PortraitImageTests {

    static final AvatarLimits LIMITS = new AvatarLimits(10_000_000, 6000, 24_000_000, 1500, 120, 20_000_000,
            Set.of("512x512"));

    /** A PNG whose header claims {@code w × h} but that holds no pixel data: a decompression bomb's first bytes. */
    public static byte[] pngHeaderOnly(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void refusesHugeDimensionsFromTheHeaderWithoutDecoding() {
        assertThatThrownBy(() -> PortraitImage.canonicalise(pngHeaderOnly(50_000, 50_000), LIMITS))
                .isInstanceOf(UnprocessableException.class).hasMessageContaining("50000x50000");
    }

    @Test
    void refusesBytesThatAreNotAnImageAsUnsupported() {
        assertThatThrownBy(() -> PortraitImage.canonicalise("%PDF-1.7 not a picture".getBytes(), LIMITS))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(415));
    }

    @Test
    void refusesATruncatedImage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        byte[] truncated = java.util.Arrays.copyOf(out.toByteArray(), 200);

        assertThatThrownBy(() -> PortraitImage.canonicalise(truncated, LIMITS))
                .isInstanceOf(UnprocessableException.class).hasMessageContaining("cannot be decoded");
    }

    @Test
    void reencodesAsPngWithoutMetadata() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB), "jpeg", out);

        PortraitImage.Canonical canonical = PortraitImage.canonicalise(out.toByteArray(), LIMITS);

        assertThat(PortraitImage.sniff(canonical.png())).isEqualTo("png");
        assertThat(new String(canonical.png(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif", "tEXt", "iTXt", "eXIf");
        assertThat(canonical.image().getWidth()).isEqualTo(120);
    }

    @Test
    void turnsAnImageUprightByItsExifOrientation() {
        BufferedImage src = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        src.setRGB(0, 0, 0xff0000); // red at top-left

        BufferedImage six = PortraitImage.orient(src, 6); // stored rotated: display 90° clockwise
        BufferedImage three = PortraitImage.orient(src, 3);

        assertThat(six.getWidth()).isEqualTo(2);
        assertThat(six.getHeight()).isEqualTo(4);
        assertThat(six.getRGB(1, 0) & 0xffffff).isEqualTo(0xff0000); // top-left goes to top-right
        assertThat(three.getRGB(3, 1) & 0xffffff).isEqualTo(0xff0000); // and to bottom-right at 180°
    }

    @Test
    void readsTheOrientationTagFromAJpegExifSegment() {
        // SOI, APP1 "Exif\0\0", big-endian TIFF with one IFD entry: orientation (0x0112) = 6
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 2 + 6 + 8 + 2 + 12 + 4);
        b.put((byte) 0xff).put((byte) 0xd8).put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + 6 + 8 + 2 + 12
                + 4)).put("Exif".getBytes()).put((byte) 0).put((byte) 0).put("MM".getBytes()).putShort((short) 42)
                .putInt(8).putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) 6).putShort((short) 0).putInt(0);

        assertThat(ExifOrientation.of(b.array())).isEqualTo(6);
    }
}
