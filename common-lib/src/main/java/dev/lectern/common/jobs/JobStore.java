package dev.lectern.common.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code job} table of one job-owning service (video or avatar; each in its own schema). Plain SQL: the table is
 * the same for both kinds and the queries are few, so a JPA entity per service would only duplicate this.
 */
public class JobStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JobKind kind;

    public JobStore(JdbcClient jdbc, JsonMapper json, JobKind kind) {
        this.jdbc = jdbc;
        this.json = json;
        this.kind = kind;
    }

    public JobKind kind() {
        return kind;
    }

    public Job insertQueued(UUID id, String ownerId, String idempotencyKey, String requestJson) {
        Instant now = Instant.now();
        jdbc.sql("""
                insert into job (id, kind, owner_id, state, progress, attempts, idempotency_key, request_json,
                                 created_at, updated_at)
                values (:id, :kind, :owner, 'QUEUED', 0, 0, :key, :request, :now, :now)
                """)
                .param("id", id).param("kind", kind.name()).param("owner", ownerId).param("key", idempotencyKey)
                .param("request", requestJson).param("now", Timestamp.from(now))
                .update();
        return findById(id).orElseThrow();
    }

    public Optional<Job> findById(UUID id) {
        return jdbc.sql("select * from job where id = :id").param("id", id).query(this::map).optional();
    }

    /** Locks the row until the transaction ends: events for one job are applied one at a time. */
    public Optional<Job> lockById(UUID id) {
        return jdbc.sql("select * from job where id = :id for update").param("id", id).query(this::map).optional();
    }

    public Optional<Job> findOwned(UUID id, String ownerId) {
        return jdbc.sql("select * from job where id = :id and owner_id = :owner")
                .param("id", id).param("owner", ownerId).query(this::map).optional();
    }

    public Optional<Job> findByIdempotencyKey(String ownerId, String key) {
        return jdbc.sql("select * from job where owner_id = :owner and idempotency_key = :key")
                .param("owner", ownerId).param("key", key).query(this::map).optional();
    }

    /** A user's jobs; sortable by {@code createdAt} only (the indexed path). */
    public Page<Job> page(String ownerId, Pageable pageable) {
        return page("where owner_id = :owner", Map.of("owner", ownerId), pageable);
    }

    /**
     * Every user's jobs, optionally only those in one state (operations). Sorted like {@link #page}; no index serves
     * it — an administrator's occasional look, not a hot path.
     */
    public Page<Job> pageAll(JobState state, Pageable pageable) {
        return state == null ? page("", Map.of(), pageable)
                : page("where state = :state", Map.of("state", state.name()), pageable);
    }

    /** {@code where}: a constant clause whose parameters are in {@code filter}. */
    private Page<Job> page(String where, Map<String, ?> filter, Pageable pageable) {
        Sort.Order order = pageable.getSort().getOrderFor("createdAt");
        String direction = order != null && order.isAscending() ? "asc" : "desc";
        List<Job> content = jdbc.sql("select * from job " + where + " order by created_at " + direction
                        + ", id limit :limit offset :offset")
                .params(filter).param("limit", pageable.getPageSize()).param("offset", pageable.getOffset())
                .query(this::map).list();
        long total = jdbc.sql("select count(*) from job " + where).params(filter).query(Long.class).single();
        return new PageImpl<>(content, pageable, total);
    }

    /** Writes a state change decided by {@link JobProgress}; timestamps follow the state. */
    public void update(Job job, JobProgress next, int attempts, Map<String, Object> result, JobEvent.JobError error,
            Instant at) {
        Timestamp when = Timestamp.from(at);
        jdbc.sql("""
                update job set state = :state, progress = :progress, attempts = :attempts,
                       result_json = coalesce(:result, result_json),
                       error_type = coalesce(:errorType, error_type), error_detail = coalesce(:errorDetail, error_detail),
                       started_at = case when :running and started_at is null then :at else started_at end,
                       finished_at = case when :terminal then :at else finished_at end,
                       updated_at = :now
                where id = :id
                """)
                .param("state", next.state().name())
                .param("progress", next.progress())
                .param("attempts", Math.max(job.attempts(), attempts))
                .param("result", result == null ? null : json.writeValueAsString(result))
                .param("errorType", error == null ? null : error.type())
                .param("errorDetail", error == null ? null : error.detail())
                .param("running", next.state() == JobState.RUNNING || next.state().isTerminal())
                .param("terminal", next.state().isTerminal())
                .param("at", when)
                .param("now", Timestamp.from(Instant.now()))
                .param("id", job.id())
                .update();
    }

    /**
     * An operator's replay of a dead-lettered job: a FAILED job starts again as QUEUED, its attempts, result, error
     * and times cleared. The one move back the life cycle allows ({@link JobState}).
     *
     * @return false if the job is not FAILED
     */
    public boolean requeueFailed(UUID id) {
        return jdbc.sql("""
                update job set state = 'QUEUED', progress = 0, attempts = 0, result_json = null, error_type = null,
                       error_detail = null, started_at = null, finished_at = null, updated_at = :now
                where id = :id and state = 'FAILED'
                """)
                .param("id", id).param("now", Timestamp.from(Instant.now()))
                .update() == 1;
    }

    /** @return false if this event id was applied before */
    public boolean markProcessed(UUID eventId, UUID jobId) {
        return jdbc.sql("insert into processed_event (event_id, job_id) values (:e, :j) on conflict do nothing")
                .param("e", eventId).param("j", jobId).update() == 1;
    }

    private Job map(ResultSet rs, int row) throws SQLException {
        String resultJson = rs.getString("result_json");
        String errorType = rs.getString("error_type");
        return new Job(
                rs.getObject("id", UUID.class),
                JobKind.valueOf(rs.getString("kind")),
                rs.getString("owner_id"),
                JobState.valueOf(rs.getString("state")),
                rs.getInt("progress"),
                rs.getInt("attempts"),
                rs.getString("idempotency_key"),
                rs.getString("request_json"),
                resultJson == null ? null : json.readValue(resultJson, MAP),
                errorType == null ? null : new JobEvent.JobError(errorType, rs.getString("error_detail")),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
