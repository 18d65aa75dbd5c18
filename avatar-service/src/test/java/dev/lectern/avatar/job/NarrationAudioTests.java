package dev.lectern.avatar.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NarrationAudioTests {

    @Test
    void measuresAPcmWav() throws Exception {
        NarrationAudio.Inspected wav = NarrationAudio.inspect(TestAudio.wav(2.5, 22_050));

        assertThat(wav.format()).isEqualTo(NarrationAudio.Format.WAV);
        assertThat(wav.seconds()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void measuresAnMp3ByItsFrames() throws Exception {
        // 100 MPEG-1 layer III frames, 128 kbit/s, 44.1 kHz, after an empty ID3v2 tag: 100 × 1152 / 44100 s
        int frameLength = 144 * 128_000 / 44_100; // 417, no padding
        ByteBuffer b = ByteBuffer.allocate(10 + 100 * frameLength);
        b.put(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        for (int i = 0; i < 100; i++) {
            b.put((byte) 0xff).put((byte) 0xfb).put((byte) 0x90).put((byte) 0x64);
            b.position(b.position() + frameLength - 4);
        }

        NarrationAudio.Inspected mp3 = NarrationAudio.inspect(b.array());

        assertThat(mp3.format()).isEqualTo(NarrationAudio.Format.MP3);
        assertThat(mp3.seconds()).isCloseTo(100 * 1152 / 44_100.0, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void refusesBytesThatAreNeitherWavNorMp3() {
        assertThatThrownBy(() -> NarrationAudio.inspect("OggS this is not it".getBytes()))
                .isInstanceOf(NarrationAudio.NotAudioException.class).hasMessageContaining("neither a WAV nor an MP3");
    }

    @Test
    void refusesACompressedWav() {
        byte[] wav = TestAudio.wav(1, 8000);
        wav[20] = 2; // format tag 2: Microsoft ADPCM

        assertThatThrownBy(() -> NarrationAudio.inspect(wav)).hasMessageContaining("compressed");
    }

    @Test
    void refusesAWavCutInsideItsFormatChunk() {
        byte[] wav = java.util.Arrays.copyOf(TestAudio.wav(1, 8000), 30); // "fmt " starts at 12 and needs 24 bytes

        assertThatThrownBy(() -> NarrationAudio.inspect(wav))
                .isInstanceOf(NarrationAudio.NotAudioException.class).hasMessageContaining("format chunk is cut short");
    }

    @Test
    void refusesAWavWhoseChunkClaimsMoreBytesThanTheFileHas() {
        // RIFF header, then one "LIST" chunk declaring 0xFFFFFFF0 bytes and nothing after it
        ByteBuffer b = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(56).put("WAVE".getBytes()).put("LIST".getBytes()).putInt(0xFFFFFFF0);

        assertThatThrownBy(() -> NarrationAudio.inspect(b.array()))
                .isInstanceOf(NarrationAudio.NotAudioException.class).hasMessageContaining("no data chunk");
    }
}
