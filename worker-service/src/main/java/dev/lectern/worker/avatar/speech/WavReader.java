package dev.lectern.worker.avatar.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads 16-bit PCM RIFF/WAVE data (what espeak-ng writes), mixing channels down to mono. */
public final class WavReader {

    private WavReader() {
    }

    public static Speech read(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int pos = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format != 1 || bits != 16 || channels < 1) {
                    throw new IllegalArgumentException("only 16-bit PCM WAV is supported (format " + format + ", "
                            + bits + " bits)");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IllegalArgumentException("WAV data before its fmt chunk");
                }
                // espeak-ng writing to a pipe leaves the size at 0x7fffffff-ish: trust the bytes we have.
                int available = Math.min(size < 0 ? Integer.MAX_VALUE : size, wav.length - body);
                int frames = available / (2 * channels);
                short[] mono = new short[frames];
                for (int i = 0; i < frames; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + (i * channels + c) * 2);
                    }
                    mono[i] = (short) (sum / channels);
                }
                return new Speech(mono, rate);
            }
            pos = body + size + (size & 1);
            if (size < 0) {
                break;
            }
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }
}
