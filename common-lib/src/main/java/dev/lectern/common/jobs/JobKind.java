package dev.lectern.common.jobs;

/** What a job produces; also the routing-key segment of its messages ({@code job.video.succeeded}). */
public enum JobKind {
    VIDEO, AVATAR;

    public String routingSegment() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
