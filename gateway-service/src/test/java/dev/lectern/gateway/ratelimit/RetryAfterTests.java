package dev.lectern.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

    @Test
    void waitsForTheMissingTokensAtTheReplenishRate() {
        assertThat(RetryAfter.seconds(0, 1, 1)).isEqualTo(1);
        assertThat(RetryAfter.seconds(0, 6, 1)).isEqualTo(6);
        assertThat(RetryAfter.seconds(4, 6, 1)).isEqualTo(2);
        assertThat(RetryAfter.seconds(0, 5, 2)).isEqualTo(3);
    }

    @Test
    void neverSaysZeroSeconds() {
        assertThat(RetryAfter.seconds(0, 1, 1000)).isEqualTo(1);
        assertThat(RetryAfter.seconds(-1, 1, 1)).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> RetryAfter.seconds(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
