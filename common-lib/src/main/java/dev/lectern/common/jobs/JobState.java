package dev.lectern.common.jobs;

/**
 * Life cycle of a render job. A job only ever moves forward: {@code QUEUED → RUNNING → SUCCEEDED | FAILED |
 * CANCELLED}. Events arrive at least once and possibly out of order, so every transition is checked here and a
 * backwards move is refused rather than applied. The one exception is an operator's: replaying a dead-lettered job
 * starts a FAILED job again as QUEUED ({@link JobService#replay}).
 */
public enum JobState {
    QUEUED(0), RUNNING(1), SUCCEEDED(2), FAILED(2), CANCELLED(2);

    private final int rank;

    JobState(int rank) {
        this.rank = rank;
    }

    public boolean isTerminal() {
        return rank == 2;
    }

    /** Whether a job in this state may take {@code next}; staying in RUNNING is allowed (progress updates). */
    public boolean canMoveTo(JobState next) {
        if (isTerminal()) {
            return false;
        }
        return next.rank > rank || (this == RUNNING && next == RUNNING);
    }
}
