package dk.udlaendinge.batch.common.batch.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dk.udlaendinge.batch.common.batch.LivenessSettings;
import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The job history on a real job repository (HSQLDB and PostgreSQL, the schema the
 * application migrates): the facts status and the console both show are decided here once
 * — superseded, the newest execution of a run, stale, the parameters shown, partitions
 * and the console's paging of runs.
 */
@SlowTest
class JobHistoryTest {

    @TempDir
    Path tmp;

    private JdbcTemplate jdbc;

    private JobRepository repository;

    private RunningJobs running;

    private JobHistory history;

    /** A fresh database of the kind, migrated as the application migrates it. */
    static TestDatabase database(TestDatabase.Kind kind, String name) {
        TestDatabase db = kind == TestDatabase.Kind.HSQLDB
                ? new TestDatabase(kind, "jdbc:hsqldb:mem:" + name + "-" + System.nanoTime(), "SA", "")
                : TestDatabase.postgres();
        db.migrate();
        return db;
    }

    static JobRepository repository(DriverManagerDataSource ds) throws Exception {
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(ds);
        factory.setTransactionManager(new DataSourceTransactionManager(ds));
        factory.afterPropertiesSet();
        return factory.getObject();
    }

    private void open(TestDatabase.Kind kind) throws Exception {
        TestDatabase db = database(kind, "history");
        DriverManagerDataSource ds = new DriverManagerDataSource(db.url(), db.username(), db.password());
        jdbc = new JdbcTemplate(ds);
        repository = repository(ds);
        running = new RunningJobs(new RunFiles(tmp), repository, jdbc,
                new LivenessSettings(Duration.ofSeconds(20), Duration.ofMinutes(1), "this-host"));
        history = new JobHistory(jdbc, repository, running);
    }

    @AfterEach
    void close() {
        if (running != null) {
            running.destroy();
        }
    }

    private JobExecution execution(String job, JobParameters parameters, BatchStatus status) {
        JobInstance instance = repository.getJobInstance(job, parameters);
        if (instance == null) {
            instance = repository.createJobInstance(job, parameters);
        }
        JobExecution e = repository.createJobExecution(instance, parameters, new ExecutionContext());
        e.setStartTime(LocalDateTime.now());
        e.setStatus(status);
        if (!status.isRunning()) {
            e.setEndTime(LocalDateTime.now());
        }
        repository.update(e);
        return e;
    }

    private static JobParameters runDate(LocalDate date) {
        return new JobParametersBuilder().addLocalDate("runDate", date).toJobParameters();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFailedExecutionThatALaterOneCompletedIsSupersededAndOnlyTheNewestOfARunIsItsLatest(TestDatabase.Kind kind)
            throws Exception {
        open(kind);
        JobExecution failed = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.FAILED);
        JobExecution stopped = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 4, 1)), BatchStatus.STOPPED);
        JobExecution completed = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)),
                BatchStatus.COMPLETED);

        JobRun first = history.execution(failed.getId()).orElseThrow();
        assertThat(first.superseded()).isTrue();
        assertThat(first.completedBy()).isEqualTo(completed.getId());
        assertThat(first.latest()).isFalse();
        assertThat(first.latestOfRun()).isEqualTo(completed.getId());

        JobRun other = history.execution(stopped.getId()).orElseThrow();
        assertThat(other.superseded()).as("nothing completed its run").isFalse();
        assertThat(other.latest()).isTrue();
        assertThat(other.endedUnfinished()).isTrue();

        JobRun done = history.execution(completed.getId()).orElseThrow();
        assertThat(done.superseded()).isFalse();
        assertThat(done.completedBy()).as("only a failed or stopped execution is superseded").isNull();
        assertThat(history.ofRun(first.instanceId())).extracting(JobRun::id)
            .containsExactly(completed.getId(), failed.getId());
        assertThat(history.newest(10)).extracting(JobRun::id)
            .containsExactly(completed.getId(), stopped.getId(), failed.getId());
        assertThat(history.unfinished(10)).extracting(JobRun::id).containsExactly(stopped.getId(), failed.getId());
        assertThat(history.newest("renewalNoticeJob", "STOPPED")).map(JobRun::id).contains(stopped.getId());
        assertThat(history.exists(failed.getId())).isTrue();
        assertThat(history.exists(completed.getId() + 1000)).isFalse();
        assertThat(history.lastCompleted("renewalNoticeJob")).isNotNull();
        assertThat(history.lastCompleted("quotaWorkbookJob")).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anExecutionMarkedRunningWhoseProcessNeverClaimedItIsStaleOnceOlderThanStaleAfter(TestDatabase.Kind kind)
            throws Exception {
        open(kind);
        JobExecution fresh = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.STARTED);
        JobExecution old = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 4, 1)), BatchStatus.STARTED);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ? WHERE JOB_EXECUTION_ID = ?",
                Timestamp.valueOf(LocalDateTime.now().minusMinutes(10)), old.getId());

        JobRun launching = history.execution(fresh.getId()).orElseThrow();
        assertThat(launching.stale()).isFalse();
        assertThat(launching.running()).isTrue();
        JobRun gone = history.execution(old.getId()).orElseThrow();
        assertThat(gone.stale()).isTrue();
        assertThat(gone.running()).isFalse();
        assertThat(gone.markedRunning()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theParametersShownIdentifyTheRunWithoutContentHashesAndFilesByTheirName(TestDatabase.Kind kind)
            throws Exception {
        open(kind);
        JobParameters imported = new JobParametersBuilder().addString("registry", "/data/in/registry-2026.csv")
            .addString("documents", "")
            .addString("fingerprint", "0123456789abcdef0123456789abcdef")
            .addString("statistics", "/data/in/statistics.csv", false)
            .toJobParameters();
        JobParameters quota = new JobParametersBuilder().addLong("year", 2026L)
            .addLong("revision", 2L)
            .addString("inputHash", "fedcba9876543210")
            .addLong("nationalFigure", 5000L, false)
            .toJobParameters();

        JobRun importRun = history.execution(execution("registryImportJob", imported, BatchStatus.COMPLETED).getId())
            .orElseThrow();
        JobRun quotaRun = history.execution(execution("quotaWorkbookJob", quota, BatchStatus.COMPLETED).getId())
            .orElseThrow();

        assertThat(importRun.shown()).containsExactly(new ShownParameter("registry", "registry-2026.csv"));
        assertThat(quotaRun.shown()).containsExactly(new ShownParameter("revision", "2"),
                new ShownParameter("year", "2026"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPartitionIsToldByItsWorkerStepAndItsContextIsRead(TestDatabase.Kind kind) throws Exception {
        open(kind);
        JobExecution e = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.STARTED);
        StepExecution manager = repository.createStepExecution("sendNotices", e);
        StepExecution partition = repository.createStepExecution("sendNoticesPartition:municipalities101-400", e);
        partition.getExecutionContext().putInt("fromCode", 101);
        partition.setReadCount(7);
        partition.setStatus(BatchStatus.STARTED);
        repository.update(partition);
        repository.updateExecutionContext(partition);

        List<StepRun> steps = history.steps(e.getId());
        assertThat(steps).extracting(StepRun::name)
            .containsExactly("sendNotices", "sendNoticesPartition:municipalities101-400");
        assertThat(steps.get(0).isPartition()).isFalse();
        assertThat(steps.get(1).partition())
            .isEqualTo(new PartitionRun("sendNoticesPartition", "municipalities101-400"));
        assertThat(history.partitions(e.getId(), "sendNoticesPartition")).extracting(StepRun::id)
            .containsExactly(partition.getId());
        assertThat(history.partitions(e.getId(), "sendNotices")).isEmpty();
        assertThat(history.context(partition.getId()).getInt("fromCode")).isEqualTo(101);
        assertThat(history.steps(e.getId()).get(1).read()).isEqualTo(7);
        assertThat(manager.getId()).isEqualTo(steps.get(0).id());

        e.setStatus(BatchStatus.FAILED); // one running execution per run (PostgreSQL's
                                         // constraint)
        e.setEndTime(LocalDateTime.now());
        repository.update(e);
        JobExecution again = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.STARTED);
        assertThat(history.readBefore(e.getJobInstance().getInstanceId(), partition.getStepName(), again.getId()))
            .isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPageListsARunsExecutionsTogetherRunsByTheirNewestExecution(TestDatabase.Kind kind) throws Exception {
        open(kind);
        JobExecution a1 = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.FAILED);
        JobExecution b1 = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 4, 1)), BatchStatus.COMPLETED);
        JobExecution a2 = execution("renewalNoticeJob", runDate(LocalDate.of(2026, 3, 1)), BatchStatus.COMPLETED);
        JobExecution q = execution("quotaWorkbookJob",
                new JobParametersBuilder().addLong("year", 2026L).toJobParameters(), BatchStatus.FAILED);

        JobHistory.Filter all = new JobHistory.Filter(null, null, null, null);
        assertThat(history.count(all)).isEqualTo(4);
        assertThat(history.page(all, 0, 10)).extracting(JobRun::id)
            .containsExactly(q.getId(), a2.getId(), a1.getId(), b1.getId());
        assertThat(history.page(all, 1, 2)).extracting(JobRun::id).containsExactly(a2.getId(), a1.getId());
        JobHistory.Filter renewals = new JobHistory.Filter("renewalNoticeJob", "COMPLETED", LocalDate.now(), null);
        assertThat(history.count(renewals)).isEqualTo(2);
        assertThat(history.page(renewals, 0, 10)).extracting(JobRun::id).containsExactly(a2.getId(), b1.getId());
        assertThat(history.count(new JobHistory.Filter(null, null, null, LocalDate.now().minusDays(1)))).isZero();
    }

}
