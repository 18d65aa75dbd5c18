package dev.lectern.common.jobs;

/** What happened to a job in the worker. Each type maps onto the state the job reaches. */
public enum JobEventType {
    STARTED(JobState.RUNNING),
    PROGRESSED(JobState.RUNNING),
    SUCCEEDED(JobState.SUCCEEDED),
    FAILED(JobState.FAILED);

    private final JobState resultingState;

    JobEventType(JobState resultingState) {
        this.resultingState = resultingState;
    }

    public JobState resultingState() {
        return resultingState;
    }

    public String routingSegment() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
