package dev.lectern.avatar.job;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Recognises uploaded narration audio from its bytes and measures its length without decoding it: PCM WAV (RIFF
 * header, {@code fmt } and {@code data} chunks) or MP3 (MPEG audio layer III frames, after an optional ID3v2 tag).
 * Anything else is refused.
 */
final class NarrationAudio {

    enum Format {
        WAV("wav", "audio/wav"), MP3("mp3", "audio/mpeg");

        final String extension;
        final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    record Inspected(Format format, double seconds) {
    }

    /** Thrown for bytes that are not WAV or MP3, or are broken. */
    static final class NotAudioException extends Exception {
        NotAudioException(String message) {
            super(message);
        }
    }

    private static final int[][] MP3_BITRATES = {
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1}, // MPEG-1 layer III
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1}}; // MPEG-2/2.5 layer III
    private static final int[][] MP3_RATES = {{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}};

    private NarrationAudio() {
    }

    static Inspected inspect(byte[] b) throws NotAudioException {
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'A'
                && b[10] == 'V' && b[11] == 'E') {
            return new Inspected(Format.WAV, wavSeconds(b));
        }
        int start = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            start = 10 + ((b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f));
        }
        if (start + 4 <= b.length && (b[start] & 0xff) == 0xff && (b[start + 1] & 0xe0) == 0xe0) {
            return new Inspected(Format.MP3, mp3Seconds(b, start));
        }
        throw new NotAudioException("the file is neither a WAV nor an MP3 file");
    }

    private static double wavSeconds(byte[] wav) throws NotAudioException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int byteRate = 0;
        // pos stays below wav.length: a chunk claiming more bytes than the file has ends the walk.
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xffffffffL;
            if (id == 0x20746d66) { // "fmt "
                if (size < 16 || pos + 8 + 16 > wav.length) {
                    throw new NotAudioException("the WAV file's format chunk is cut short");
                }
                int format = b.getShort(pos + 8) & 0xffff;
                int channels = b.getShort(pos + 10);
                int rate = b.getInt(pos + 12);
                int bits = b.getShort(pos + 22);
                if (format != 1 && format != 3 && format != 0xfffe) {
                    throw new NotAudioException("the WAV file is compressed (format " + format
                            + "); upload PCM WAV or MP3");
                }
                if (channels < 1 || channels > 8 || rate < 8000 || rate > 192_000 || bits < 8 || bits > 32) {
                    throw new NotAudioException("the WAV header is not plausible (" + channels + " channels, " + rate
                            + " Hz, " + bits + " bits)");
                }
                byteRate = channels * rate * (bits / 8);
            } else if (id == 0x61746164) { // "data"
                if (byteRate == 0) {
                    throw new NotAudioException("the WAV file has its data before its format");
                }
                long data = Math.min(size, wav.length - (pos + 8L));
                if (data <= 0) {
                    throw new NotAudioException("the WAV file has no samples");
                }
                return (double) data / byteRate;
            }
            long next = pos + 8L + size + (size & 1);
            if (next > wav.length) {
                break;
            }
            pos = (int) next;
        }
        throw new NotAudioException("the WAV file has no data chunk");
    }

    private static double mp3Seconds(byte[] b, int pos) throws NotAudioException {
        double seconds = 0;
        int frames = 0;
        while (pos + 4 <= b.length) {
            int h1 = b[pos + 1] & 0xff;
            int h2 = b[pos + 2] & 0xff;
            if ((b[pos] & 0xff) != 0xff || (h1 & 0xe0) != 0xe0) {
                break; // trailing tag (ID3v1, APE) or junk
            }
            int version = (h1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            int layer = (h1 >> 1) & 3; // 1 = layer III
            int bitrateIndex = (h2 >> 4) & 15;
            int rateIndex = (h2 >> 2) & 3;
            if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                if (frames == 0) {
                    throw new NotAudioException("the file is not MPEG audio layer III (MP3)");
                }
                break;
            }
            boolean mpeg1 = version == 3;
            int bitrate = MP3_BITRATES[mpeg1 ? 0 : 1][bitrateIndex] * 1000;
            int rate = MP3_RATES[mpeg1 ? 0 : (version == 2 ? 1 : 2)][rateIndex];
            int padding = (h2 >> 1) & 1;
            int length = (mpeg1 ? 144 : 72) * bitrate / rate + padding;
            seconds += (mpeg1 ? 1152.0 : 576.0) / rate;
            frames++;
            pos += length;
        }
        if (frames < 2) {
            throw new NotAudioException("the MP3 file has no audio frames");
        }
        return seconds;
    }
}
