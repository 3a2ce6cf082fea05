package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.common.batch.history.StepRun;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The renewal report on real notice rows (HSQLDB and PostgreSQL): what a run date
 * selected, sent by channel and by MeMo, the skipped rule (skipped by this run date or an
 * earlier one, never a later one), and what one send partition sent, told by the range in
 * its context.
 */
@SlowTest
class RenewalReportTest {

    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);

    private static final LocalDate APRIL = LocalDate.of(2026, 4, 1);

    @TempDir
    Path tmp;

    private JdbcTemplate jdbc;

    private JobRepository repository;

    private RunningJobs running;

    private RenewalReport report;

    private int deposits;

    private void open(TestDatabase.Kind kind) throws Exception {
        TestDatabase db = kind == TestDatabase.Kind.HSQLDB
                ? new TestDatabase(kind, "jdbc:hsqldb:mem:renewal-report-" + System.nanoTime(), "SA", "")
                : TestDatabase.postgres();
        db.migrate();
        DriverManagerDataSource ds = new DriverManagerDataSource(db.url(), db.username(), db.password());
        jdbc = new JdbcTemplate(ds);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(ds);
        factory.setTransactionManager(new DataSourceTransactionManager(ds));
        factory.afterPropertiesSet();
        repository = factory.getObject();
        running = new RunningJobs(new RunFiles(tmp), repository, jdbc,
                new LivenessSettings(Duration.ofSeconds(20), Duration.ofMinutes(1), "this-host"));
        report = new RenewalReport(jdbc);
    }

    @AfterEach
    void close() {
        if (running != null) {
            running.destroy();
        }
    }

    /** A notice row; {@code sentRunDate} null for one not sent. */
    private long notice(int municipality, LocalDate selected, String status, String channel, String reason,
            String messageId, LocalDate sentRunDate, LocalDateTime sentAt, String skipReason) {
        String deposit = "D" + (++deposits);
        jdbc.update("INSERT INTO renewal_notice (deposit_id, expiry_date, municipality_code, selected_run_date, status,"
                + " channel, reason, message_id, sent_run_date, sent_at, skip_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deposit, Date.valueOf(selected.plusMonths(2)), municipality, Date.valueOf(selected), status, channel,
                reason, messageId, sentRunDate == null ? null : Date.valueOf(sentRunDate),
                sentAt == null ? null : Timestamp.valueOf(sentAt), skipReason);
        return jdbc.queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = ?", Long.class, deposit);
    }

    private long sent(int municipality, LocalDate runDate, String channel, String reason, boolean memo,
            LocalDateTime at) {
        return notice(municipality, runDate, "SENT", channel, reason,
                (memo ? MemoComposer.RECORDED_ID_PREFIX : "<") + deposits + "@test", runDate, at, null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRunDatesTotalsByChannelAndTheSkippedRuleWithItsRunDateFilter(TestDatabase.Kind kind) throws Exception {
        open(kind);
        LocalDateTime now = LocalDateTime.now();
        sent(101, MARCH, "DIGITAL", null, false, now);
        sent(101, MARCH, "DIGITAL", null, true, now);
        long paperInBatch = sent(147, MARCH, "PAPER", "SIZE", false, now);
        sent(147, MARCH, "PAPER", "SIZE", false, now);
        sent(147, MARCH, "PAPER", "EXEMPT", false, now);
        long skippedInMarch = notice(151, MARCH, "SKIPPED", null, null, null, null, null, "the gateway refused it");
        notice(153, MARCH, "SKIPPED", null, null, null, null, null,
                NoticeDispatch.REFUSED + "2 for good (HTTP 422): the receiver refused it");
        long skippedInApril = notice(155, APRIL, "SKIPPED", null, null, null, null, null, "a file is missing");
        notice(157, MARCH, "SELECTED", null, null, null, null, null, null);
        sent(159, APRIL, "DIGITAL", null, false, now);

        RenewalReport.Totals march = report.totals(MARCH);
        assertThat(march).isEqualTo(new RenewalReport.Totals(8, 2, 3, 2, 1, 1));
        assertThat(report.totals(APRIL)).as("April's skipped include March's still waiting")
            .isEqualTo(new RenewalReport.Totals(2, 1, 0, 3, 0, 1));

        assertThat(report.skipped(MARCH, 10)).as("a notice skipped by a later run date is not March's")
            .extracting(RenewalReport.Skipped::noticeId)
            .doesNotContain(skippedInApril)
            .contains(skippedInMarch)
            .hasSize(2);
        assertThat(report.skipped(null, 10)).as("every notice still waiting").hasSize(3);
        assertThat(report.skipped(null, 1)).extracting(RenewalReport.Skipped::noticeId).containsExactly(skippedInMarch);
        assertThat(report.skipped(MARCH, 10).get(0).reason()).isEqualTo("the gateway refused it");

        List<RenewalReport.ByChannel> byChannel = report.byChannel(MARCH, Set.of(paperInBatch));
        assertThat(byChannel).containsExactlyInAnyOrder(new RenewalReport.ByChannel("DIGITAL", false, "", 1, 1),
                new RenewalReport.ByChannel("DIGITAL", true, "", 1, 1),
                new RenewalReport.ByChannel("PAPER", false, "SIZE", 2, 1),
                new RenewalReport.ByChannel("PAPER", false, "EXEMPT", 1, 0));
        assertThat(report.anySent()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSendPartitionCountsTheNoticesOfItsOwnRangeAndTimeAndItsStepSumsThem(TestDatabase.Kind kind) throws Exception {
        open(kind);
        JobParameters parameters = new JobParametersBuilder()
            .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, MARCH)
            .toJobParameters();
        JobExecution e = repository.createJobExecution(
                repository.createJobInstance(RenewalNoticeJobConfiguration.JOB, parameters), parameters,
                new ExecutionContext());
        LocalDateTime start = LocalDateTime.now().minusMinutes(5);
        StepExecution manager = repository.createStepExecution(RenewalNoticeJobConfiguration.SEND, e);
        manager.setStartTime(start);
        manager.setStatus(BatchStatus.STARTED);
        repository.update(manager);
        StepExecution low = partition(e, "municipalities101-200", 101, 200, 4, start);
        partition(e, "municipalities201-999", 201, 999, 3, start);
        sent(101, MARCH, "DIGITAL", null, true, start.plusMinutes(1));
        sent(200, MARCH, "PAPER", "SIZE", false, start.plusMinutes(1));
        sent(250, MARCH, "DIGITAL", null, false, start.plusMinutes(1));
        sent(150, MARCH, "DIGITAL", null, false, start.minusMinutes(1)); // an earlier
                                                                         // execution's
        sent(150, APRIL, "DIGITAL", null, false, start.plusMinutes(1)); // another run
                                                                        // date's

        JobHistory history = new JobHistory(jdbc, repository, running);
        Map<Long, ExecutionContext> contexts = new HashMap<>();
        List<StepRun> steps = history.steps(e.getId());
        RenewalReport.SendFigures step = report.sendFigures(history, e.getId(), steps.get(0), MARCH,
                id -> contexts.computeIfAbsent(id, history::context));
        RenewalReport.SendFigures first = report.sendFigures(history, e.getId(),
                steps.stream().filter(s -> s.id() == low.getId()).findFirst().orElseThrow(), MARCH,
                id -> contexts.computeIfAbsent(id, history::context));

        assertThat(step).isEqualTo(new RenewalReport.SendFigures(7L, 3L, 1));
        assertThat(first).isEqualTo(new RenewalReport.SendFigures(4L, 2L, 1));
        assertThat(
                report.sendFigures(history, history.execution(e.getId()).orElseThrow(), steps.get(0), history::context))
            .as("the run date read from the execution's parameters")
            .isEqualTo(step);
        assertThat(report.sendFigures(history, e.getId(), steps.get(0), null, history::context))
            .as("without a run date nothing tells what was sent")
            .isEqualTo(new RenewalReport.SendFigures(7L, null, 0));
    }

    private StepExecution partition(JobExecution e, String name, int from, int to, long selected, LocalDateTime start) {
        StepExecution p = repository.createStepExecution(RenewalNoticeJobConfiguration.SEND_WORKER + ":" + name, e);
        p.getExecutionContext().putInt(MunicipalityRangePartitioner.FROM, from);
        p.getExecutionContext().putInt(MunicipalityRangePartitioner.TO, to);
        p.getExecutionContext().putLong(RenewalNoticeJobConfiguration.SELECTED_COUNT, selected);
        p.setStartTime(start);
        p.setStatus(BatchStatus.STARTED);
        repository.update(p);
        repository.updateExecutionContext(p);
        return p;
    }

}
