package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.common.batch.partition.WorkerSteps;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;

import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.PARAM_RUN_DATE;
import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.PARTITION_CONTRACT;
import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.SELECT_WORKER;
import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.SEND_WORKER;

/**
 * The worker side of {@code renewalNoticeJob}: the steps that run one partition (a range of
 * kommunekode) of {@code selectExpiringDeposits} and {@code sendNotices}, with their readers,
 * processors and writers. The same beans run on threads of the manager's process
 * ({@code app.renewal.partitioning: local}) and on worker nodes ({@code remote}, {@code ./run.sh
 * worker}); {@link RenewalNoticeJobConfiguration} holds the job and the manager steps. A
 * partition's context holds only its two codes (and who ran it), so nothing here depends on
 * where it runs.
 */
@Configuration(proxyBeanMethods = false)
public class RenewalNoticeWorkerConfiguration {

    /** Deposits due in a partition: first renewal, horizon, from code, to code, run date. */
    private static final String DUE_WHERE = " WHERE d.renewable = TRUE AND d.expiry_date BETWEEN ? AND ?"
            + " AND d.municipality_code BETWEEN ? AND ?"
            + " AND (d.permanent_residence_date IS NULL OR d.permanent_residence_date > ?)"
            + " AND NOT EXISTS (SELECT 1 FROM renewal_notice n"
            + " WHERE n.deposit_id = d.deposit_id AND n.expiry_date = d.expiry_date)";

    /** Notices pending in a partition: run date, from code, to code. */
    private static final String PENDING_WHERE = " WHERE n.status IN ('SELECTED', 'SKIPPED')"
            + " AND n.selected_run_date <= ? AND n.municipality_code BETWEEN ? AND ?";

    @Bean
    NoticeRecords noticeRecords(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new NoticeRecords(jdbc, tx);
    }

    /** What remote workers may be asked to run, with the contract they must share with the manager. */
    @Bean
    WorkerSteps renewalWorkerSteps() {
        return new WorkerSteps(Map.of(SELECT_WORKER, PARTITION_CONTRACT, SEND_WORKER, PARTITION_CONTRACT));
    }

    // --- selectExpiringDeposits --------------------------------------------------------

    /**
     * One streaming query per partition: an index pre-filter in SQL, with {@link RenewalRule}
     * in the processor as the authority. It keeps no restart state on purpose: the NOT EXISTS
     * on the notice key is the process indicator, so a restarted partition simply reads what
     * has not been selected yet. (A paging reader re-sorted the candidates for every page and
     * ran at a third of the speed.)
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<DueDeposit> dueDepositReader(DataSource dataSource, RenewalRule rule,
            @Value("#{jobParameters['runDate']}") LocalDate runDate,
            @Value("#{stepExecutionContext['fromCode']}") Integer fromCode,
            @Value("#{stepExecutionContext['toCode']}") Integer toCode) {
        return new JdbcCursorItemReaderBuilder<DueDeposit>()
                .name("dueDepositReader")
                .dataSource(dataSource)
                .sql("SELECT d.deposit_id, d.municipality_code, d.posted_date, d.permit_granted_date,"
                        + " d.permanent_residence_date, d.expiry_date FROM deposit d" + DUE_WHERE
                        + " ORDER BY d.deposit_id") // notice ids follow the registry's order, run after run
                .queryArguments(Date.valueOf(SecurityRules.FIRST_RENEWAL), Date.valueOf(rule.horizon(runDate)),
                        fromCode, toCode, Date.valueOf(runDate))
                .fetchSize(1000)
                .saveState(false)
                .rowMapper((rs, i) -> {
                    Date permanent = rs.getDate("permanent_residence_date");
                    return new DueDeposit(rs.getString("deposit_id"), rs.getInt("municipality_code"),
                            rs.getDate("posted_date").toLocalDate(), rs.getDate("permit_granted_date").toLocalDate(),
                            permanent == null ? null : permanent.toLocalDate(), rs.getDate("expiry_date").toLocalDate());
                })
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<DueDeposit, DueDeposit> dueDepositFilter(RenewalRule rule,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return due -> rule.isDue(due.postedDate(), due.permitGrantedDate(), due.permanentResidenceDate(), false, runDate)
                ? due : null;
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<DueDeposit> noticeRowWriter(DataSource dataSource,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new JdbcBatchItemWriterBuilder<DueDeposit>()
                .dataSource(dataSource)
                .sql("INSERT INTO renewal_notice (deposit_id, expiry_date, municipality_code, selected_run_date, status)"
                        + " VALUES (?, ?, ?, ?, 'SELECTED')")
                .itemPreparedStatementSetter((due, ps) -> {
                    ps.setString(1, due.depositId());
                    ps.setDate(2, Date.valueOf(due.expiryDate()));
                    ps.setInt(3, due.municipalityCode());
                    ps.setDate(4, Date.valueOf(runDate));
                })
                .build();
    }

    @Bean
    Step selectExpiringDepositsPartition(JobRepository jobRepository, PlatformTransactionManager tx, JdbcTemplate jdbc,
            RenewalRule rule, WorkerStamp workerStamp,
            JdbcCursorItemReader<DueDeposit> dueDepositReader,
            ItemProcessor<DueDeposit, DueDeposit> dueDepositFilter, JdbcBatchItemWriter<DueDeposit> noticeRowWriter) {
        return new StepBuilder(SELECT_WORKER, jobRepository)
                .<DueDeposit, DueDeposit>chunk(1000).transactionManager(tx)
                .reader(dueDepositReader)
                .processor(dueDepositFilter)
                .writer(noticeRowWriter)
                .listener(workerStamp)
                .listener(new ProgressLogger("deposits", step -> count(jdbc, "SELECT COUNT(*) FROM deposit d" + DUE_WHERE,
                        Date.valueOf(SecurityRules.FIRST_RENEWAL), Date.valueOf(rule.horizon(runDate(step))),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.FROM),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.TO),
                        Date.valueOf(runDate(step)))))
                .build();
    }

    // --- sendNotices -------------------------------------------------------------------

    /**
     * Pending notices: this run's and any earlier run's that were skipped (a case document
     * was missing) or not yet sent. The status is the restart position: what was sent is
     * excluded by the query itself, so the reader keeps no state. It reads windows of notice
     * ids, not pages of a sorted result: see {@link PendingNoticeReader} for the minute the
     * paging reader spent before the first notice of a large backlog.
     */
    @Bean
    @StepScope
    PendingNoticeReader pendingNoticeReader(JdbcTemplate jdbc,
            @Value("#{jobParameters['runDate']}") LocalDate runDate,
            @Value("#{stepExecutionContext['fromCode']}") Integer fromCode,
            @Value("#{stepExecutionContext['toCode']}") Integer toCode) {
        return new PendingNoticeReader(jdbc, runDate, fromCode, toCode);
    }

    @Bean
    @StepScope
    NoticePreparation noticePreparation(AppProperties app, FullAmountLevels levels, MessageComposer composer,
            NoticeRecords records, Clock clock, @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new NoticePreparation(runDate, levels, app.digitalPost().limit().toBytes(), composer, records,
                clock);
    }

    @Bean
    @StepScope
    NoticeDispatch noticeDispatch(MailGateway gateway, NoticeRecords records, RenewalOutputs outputs, Clock clock,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new NoticeDispatch(gateway, records, outputs, runDate, clock);
    }

    @Bean
    SkipBudget noticeSkipBudget(AppProperties app) {
        return new SkipBudget(app.renewal().skipLimit());
    }

    @Bean
    Step sendNoticesPartition(JobRepository jobRepository, PlatformTransactionManager tx, AppProperties app,
            PendingNoticeReader pendingNoticeReader, NoticePreparation noticePreparation,
            NoticeDispatch noticeDispatch, SkipBudget noticeSkipBudget, NoticeRecords records, JdbcTemplate jdbc,
            WorkerStamp workerStamp) {
        return new StepBuilder(SEND_WORKER, jobRepository)
                .<PendingNotice, PreparedNotice>chunk(app.renewal().chunkSize()).transactionManager(tx)
                .reader(pendingNoticeReader)
                .processor(noticePreparation)
                .writer(noticeDispatch)
                .listener(workerStamp)
                .faultTolerant()
                .skipPolicy(noticeSkipBudget)
                .skipListener(new SkipListener<PendingNotice, PreparedNotice>() {
                    @Override
                    public void onSkipInProcess(PendingNotice item, Throwable t) {
                        records.markSkipped(item.noticeId(), t.getMessage());
                    }
                })
                .listener(new ProgressLogger("notices", step -> count(jdbc,
                        "SELECT COUNT(*) FROM renewal_notice n" + PENDING_WHERE, Date.valueOf(runDate(step)),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.FROM),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.TO))))
                .build();
    }

    private static LocalDate runDate(org.springframework.batch.core.step.StepExecution step) {
        return step.getJobExecution().getJobParameters().getLocalDate(PARAM_RUN_DATE);
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
