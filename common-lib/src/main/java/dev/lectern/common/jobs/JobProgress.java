package dev.lectern.common.jobs;

/**
 * The part of a job the state machine guards: state and progress. Applying an event yields the next snapshot or
 * tells why the event is ignored (a duplicate, a late progress, a move backwards).
 */
public record JobProgress(JobState state, int progress) {

    public sealed interface Outcome {
    }

    public record Applied(JobProgress next) implements Outcome {
    }

    public record Ignored(String reason) implements Outcome {
    }

    public Outcome apply(JobEventType type, int eventProgress) {
        JobState target = type.resultingState();
        if (!state.canMoveTo(target)) {
            return new Ignored("job is " + state + "; " + type + " would move it to " + target);
        }
        if (target == JobState.RUNNING && state == JobState.RUNNING && eventProgress <= progress) {
            return new Ignored("progress " + eventProgress + " is not ahead of " + progress);
        }
        int nextProgress = switch (target) {
            case SUCCEEDED -> 100;
            case RUNNING -> Math.max(progress, eventProgress);
            default -> progress;
        };
        return new Applied(new JobProgress(target, nextProgress));
    }
}
