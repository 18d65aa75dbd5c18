package dev.lectern.worker.messaging;

import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobState;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The jobs this worker is rendering right now, so a cancellation stops one mid-render: the owning service publishes
 * every job change to the job-updates exchange; this worker's own queue hears a CANCELLED job and interrupts the
 * thread rendering it. The work message is then acked without retry and no event is sent (the job is already
 * CANCELLED).
 */
@Component
public class RunningJobs {

    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);

    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    public void started(UUID jobId) {
        cancelled.remove(jobId);
        running.put(jobId, Thread.currentThread());
    }

    public void finished(UUID jobId) {
        running.remove(jobId);
        // Clear the interrupt a late cancellation may have left on this (pooled) listener thread.
        if (cancelled.remove(jobId)) {
            Thread.interrupted();
        }
    }

    public boolean wasCancelled(UUID jobId) {
        return cancelled.contains(jobId);
    }

    @RabbitListener(queues = "#{@workerJobUpdatesQueue.name}")
    public void on(JobResponse job) {
        if (job.state() != JobState.CANCELLED) {
            return;
        }
        Thread thread = running.get(job.id());
        if (thread != null) {
            cancelled.add(job.id());
            log.info("Job {} was cancelled: stopping its render", job.id());
            thread.interrupt();
        }
    }
}
