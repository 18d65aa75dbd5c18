package dev.lectern.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JobProgressTests {

    private static final JobProgress QUEUED = new JobProgress(JobState.QUEUED, 0);

    @Test
    void startsProgressesAndSucceeds() {
        JobProgress running = applied(QUEUED.apply(JobEventType.STARTED, 0));
        JobProgress half = applied(running.apply(JobEventType.PROGRESSED, 50));
        JobProgress done = applied(half.apply(JobEventType.SUCCEEDED, 100));
        assertThat(done).isEqualTo(new JobProgress(JobState.SUCCEEDED, 100));
    }

    @Test
    void ignoresALateProgressAfterSuccess() {
        JobProgress done = new JobProgress(JobState.SUCCEEDED, 100);
        assertThat(done.apply(JobEventType.PROGRESSED, 60)).isInstanceOf(JobProgress.Ignored.class);
        assertThat(done.apply(JobEventType.STARTED, 0)).isInstanceOf(JobProgress.Ignored.class);
    }

    @Test
    void ignoresProgressThatIsNotAhead() {
        JobProgress at40 = new JobProgress(JobState.RUNNING, 40);
        assertThat(at40.apply(JobEventType.PROGRESSED, 30)).isInstanceOf(JobProgress.Ignored.class);
        assertThat(at40.apply(JobEventType.PROGRESSED, 40)).isInstanceOf(JobProgress.Ignored.class);
    }

    @Test
    void aCancelledJobStaysCancelled() {
        JobProgress cancelled = new JobProgress(JobState.CANCELLED, 20);
        for (JobEventType type : JobEventType.values()) {
            assertThat(cancelled.apply(type, 90)).isInstanceOf(JobProgress.Ignored.class);
        }
    }

    record Step(JobEventType type, int progress) {
    }

    @Provide
    Arbitrary<List<Step>> eventSequences() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(JobEventType.class), Arbitraries.integers().between(0, 100))
                .as(Step::new);
        return step.list().ofMaxSize(30);
    }

    /** Property: whatever order events arrive in, duplicated or not, a job never moves backwards. */
    @Property(tries = 500)
    void neverMovesBackwards(@ForAll("eventSequences") List<Step> steps) {
        JobProgress current = QUEUED;
        for (Step step : steps) {
            JobProgress.Outcome outcome = current.apply(step.type(), step.progress());
            if (outcome instanceof JobProgress.Applied applied) {
                JobProgress next = applied.next();
                assertThat(rank(next.state())).isGreaterThanOrEqualTo(rank(current.state()));
                assertThat(current.state().isTerminal()).as("a terminal job never changes").isFalse();
                if (next.state() == current.state()) {
                    assertThat(next.progress()).isGreaterThan(current.progress());
                }
                current = next;
            }
        }
    }

    private static int rank(JobState state) {
        return switch (state) {
            case QUEUED -> 0;
            case RUNNING -> 1;
            default -> 2;
        };
    }

    private static JobProgress applied(JobProgress.Outcome outcome) {
        assertThat(outcome).isInstanceOf(JobProgress.Applied.class);
        return ((JobProgress.Applied) outcome).next();
    }
}
