package dev.lectern.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.lectern.common.messaging.MessagingTopology;
import dev.lectern.common.outbox.Outbox;
import dev.lectern.testsupport.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retry idempotency, on the real PostgreSQL: for any mix of duplicate deliveries, redeliveries (a second attempt
 * re-emitting the whole life cycle) and reordered events, the job ends exactly as one clean delivery leaves it.
 */
class JobEventIdempotencyProperties {

    static HikariDataSource dataSource;
    static JobService jobs;
    static JobStore store;

    @BeforeContainer
    static void database() {
        String schema = TestInfrastructure.uniqueSchema("jobs");
        TestInfrastructure.Endpoint pg = TestInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.jdbcUrl(schema));
        dataSource.setUsername(pg.user());
        dataSource.setPassword(pg.password());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).locations("classpath:db/jobs")
                .load().migrate();
        JsonMapper json = JsonMapper.builder().build();
        store = new JobStore(JdbcClient.create(dataSource), json, JobKind.VIDEO);
        jobs = new JobService(store, new Outbox(JdbcClient.create(dataSource), json), new MessagingTopology("test"),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JobService.JobChangeListener.NONE);
    }

    @AfterContainer
    static void close() {
        dataSource.close();
    }

    /** What one clean delivery of the work produces. */
    static List<JobEvent> cleanDelivery(UUID jobId, int attempt) {
        Map<String, Object> result = Map.of("sha256", "ab12", "objectKey", "videos/ab/ab12.mp4", "scenesRendered", 3);
        return List.of(
                JobEvent.of(jobId, JobKind.VIDEO, JobEventType.STARTED, 0, attempt, null, null),
                JobEvent.of(jobId, JobKind.VIDEO, JobEventType.PROGRESSED, 35, attempt, null, null),
                JobEvent.of(jobId, JobKind.VIDEO, JobEventType.PROGRESSED, 65, attempt, null, null),
                JobEvent.of(jobId, JobKind.VIDEO, JobEventType.PROGRESSED, 95, attempt, null, null),
                JobEvent.of(jobId, JobKind.VIDEO, JobEventType.SUCCEEDED, 100, attempt, result, null));
    }

    record Disorder(List<Integer> duplicates, boolean redelivered, long shuffleSeed) {
    }

    @Provide
    Arbitrary<Disorder> disorders() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4).list().ofMaxSize(6),
                Arbitraries.of(true, false), Arbitraries.longs()).as(Disorder::new);
    }

    @Property(tries = 60)
    void anyMixOfDuplicatesRedeliveriesAndReorderingEndsAsOneCleanDelivery(@ForAll("disorders") Disorder disorder) {
        Job clean = submitAndApply(List.of(), false, 0);
        Job messy = submitAndApply(disorder.duplicates(), disorder.redelivered(), disorder.shuffleSeed());

        assertThat(messy.state()).isEqualTo(clean.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(messy.progress()).isEqualTo(clean.progress());
        assertThat(messy.result()).isEqualTo(clean.result());
        assertThat(messy.error()).isEqualTo(clean.error());
    }

    private Job submitAndApply(List<Integer> duplicates, boolean redelivered, long seed) {
        UUID jobId = jobs.submit("owner", null, "{}", id -> Map.of("job", id.toString())).job().id();
        List<JobEvent> first = cleanDelivery(jobId, 1);
        List<JobEvent> deliveries = new ArrayList<>(first);
        for (int index : duplicates) {
            deliveries.add(first.get(index));
        }
        if (redelivered) {
            deliveries.addAll(cleanDelivery(jobId, 2));
        }
        if (seed != 0) {
            java.util.Collections.shuffle(deliveries, new java.util.Random(seed));
        }
        deliveries.forEach(jobs::apply);
        // Whatever came before, the last success is what a clean delivery ends with.
        return store.findById(jobId).orElseThrow();
    }
}
