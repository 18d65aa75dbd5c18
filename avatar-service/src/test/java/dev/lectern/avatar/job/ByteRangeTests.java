package dev.lectern.avatar.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTests {

    @Test
    void resolvesAClosedRange() throws Exception {
        assertThat(ByteRange.parse("bytes=100-199", 1000)).contains(new ByteRange(100, 199));
    }

    @Test
    void resolvesAnOpenRangeToTheEnd() throws Exception {
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999));
    }

    @Test
    void resolvesASuffixRangeAndClampsTheEnd() throws Exception {
        assertThat(ByteRange.parse("bytes=-10", 1000)).contains(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).contains(new ByteRange(990, 999));
    }

    @Test
    void answersMultipleOrMalformedRangesWithTheWholeContent() throws Exception {
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
    }

    @Test
    void refusesARangeBeyondTheContent() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=5-2", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
