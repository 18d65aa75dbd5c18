package dev.lectern.common.jobs;

/** A job as an operator sees it: the user-facing view plus whose job it is. */
public record AdminJobResponse(String ownerId, JobResponse job) {

    public static AdminJobResponse from(Job job) {
        return new AdminJobResponse(job.ownerId(), JobResponse.from(job));
    }
}
