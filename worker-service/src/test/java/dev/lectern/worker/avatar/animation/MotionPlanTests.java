package dev.lectern.worker.avatar.animation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotionPlanTests {

    @Test
    void theSameSeedGivesTheSameMotion() {
        MotionPlan a = MotionPlan.of(42, 25, 500);
        MotionPlan b = MotionPlan.of(42, 25, 500);

        assertThat(a.blink()).containsExactly(b.blink());
        assertThat(a.angleDegrees()).containsExactly(b.angleDegrees());
    }

    @Test
    void differentSeedsBlinkAtDifferentTimes() {
        assertThat(MotionPlan.of(1, 25, 500).blink()).isNotEqualTo(MotionPlan.of(2, 25, 500).blink());
    }

    @Test
    void blinksEveryTwoToSixSecondsAndBriefly() {
        int fps = 25;
        MotionPlan plan = MotionPlan.of(7, fps, 60 * fps);
        List<Integer> shut = new ArrayList<>();
        for (int f = 0; f < plan.blink().length; f++) {
            if (plan.blink()[f] >= 0.99) {
                shut.add(f);
            }
        }
        assertThat(shut.size()).isBetween(10, 30); // 10–30 blinks a minute
        for (int i = 1; i < shut.size(); i++) {
            double gap = (shut.get(i) - shut.get(i - 1)) / (double) fps;
            assertThat(gap).isBetween(1.9, 6.1);
        }
        long closedFrames = java.util.Arrays.stream(plan.blink()).filter(v -> v > 0).count();
        assertThat(closedFrames / (double) shut.size()).isLessThanOrEqualTo(5.0); // ≤ 200 ms per blink at 25 fps
    }

    @Test
    void theHeadMovesOnlySlightly() {
        MotionPlan plan = MotionPlan.of(3, 25, 1000);

        assertThat(java.util.Arrays.stream(plan.angleDegrees()).map(Math::abs).max().orElseThrow()).isBetween(0.5, 1.5);
        assertThat(java.util.Arrays.stream(plan.dx()).map(Math::abs).max().orElseThrow()).isBetween(0.5, 3.0);
    }
}
