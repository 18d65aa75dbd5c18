package dev.lectern.avatar.portrait;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the EXIF orientation (tag 0x0112, 1–8) from a JPEG's APP1 segment; 1 when absent or unreadable. */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static int of(byte[] jpeg) {
        try {
            int pos = 2;
            while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
                int marker = jpeg[pos + 1] & 0xff;
                int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
                if (marker == 0xda || marker == 0xd9) {
                    return 1; // start of scan: no EXIF before the image data
                }
                if (marker == 0xe1 && length >= 16 && pos + 10 < jpeg.length
                        && new String(jpeg, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("Exif")) {
                    return fromTiff(jpeg, pos + 10, Math.min(jpeg.length, pos + 2 + length));
                }
                pos += 2 + length;
            }
        } catch (RuntimeException e) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int start, int end) {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, end);
        buf.order(b[start] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = start + buf.getInt(start + 4);
        int entries = buf.getShort(ifd) & 0xffff;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if ((buf.getShort(entry) & 0xffff) == 0x0112) {
                int value = buf.getShort(entry + 8) & 0xffff;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
