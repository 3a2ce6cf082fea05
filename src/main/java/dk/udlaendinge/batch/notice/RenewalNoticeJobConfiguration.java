package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
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
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * {@code renewalNoticeJob}, identified by its run date (no incrementer: a second run for the
 * same date is the same instance and sends nothing new). Steps, in order:
 * <ol>
 * <li>{@code selectExpiringDeposits}: deposits due a notice become notice rows (key: deposit, expiry);</li>
 * <li>{@code sendNotices}: render, measure, route and send every pending notice;</li>
 * <li>{@code sendMunicipalityLists}: one list per municipality with notices;</li>
 * <li>{@code assemblePrintBatch}: the paper letters into one print PDF and a manifest;</li>
 * <li>{@code writeJournal}: every notice this run sent.</li>
 * </ol>
 * Select and send are partitioned by ranges of kommunekode, so the same worker steps can
 * later run as remote partitions.
 */
@Configuration(proxyBeanMethods = false)
public class RenewalNoticeJobConfiguration {

    public static final String JOB = "renewalNoticeJob";
    public static final String SELECT = "selectExpiringDeposits";
    public static final String SELECT_WORKER = "selectExpiringDepositsPartition";
    public static final String SEND = "sendNotices";
    public static final String SEND_WORKER = "sendNoticesPartition";
    public static final String LISTS = "sendMunicipalityLists";
    public static final String PRINT = "assemblePrintBatch";
    public static final String JOURNAL = "writeJournal";
    public static final String PARAM_RUN_DATE = "runDate";

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
    RenewalRule renewalRule(AppProperties app) {
        return new RenewalRule(SecurityRules.LATE_2014, app.renewal().leadDays());
    }

    @Bean
    FullAmountLevels fullAmountLevels(AppProperties app) {
        return new FullAmountLevels(app.renewal().fullAmountLevels());
    }

    @Bean
    RenewalOutputs renewalOutputs(AppProperties app) {
        return new RenewalOutputs(app.outputDir());
    }

    @Bean
    NoticeRecords noticeRecords(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new NoticeRecords(jdbc, tx);
    }

    @Bean
    TaskExecutor partitionExecutor(AppProperties app) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        executor.setConcurrencyLimit(app.renewal().partitions());
        return executor;
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
            RenewalRule rule,
            JdbcCursorItemReader<DueDeposit> dueDepositReader,
            ItemProcessor<DueDeposit, DueDeposit> dueDepositFilter, JdbcBatchItemWriter<DueDeposit> noticeRowWriter) {
        return new StepBuilder(SELECT_WORKER, jobRepository)
                .<DueDeposit, DueDeposit>chunk(1000).transactionManager(tx)
                .reader(dueDepositReader)
                .processor(dueDepositFilter)
                .writer(noticeRowWriter)
                .listener(new ProgressLogger("deposits", step -> count(jdbc, "SELECT COUNT(*) FROM deposit d" + DUE_WHERE,
                        Date.valueOf(SecurityRules.FIRST_RENEWAL), Date.valueOf(rule.horizon(runDate(step))),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.FROM),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.TO),
                        Date.valueOf(runDate(step)))))
                .build();
    }

    @Bean
    Step selectExpiringDeposits(JobRepository jobRepository, AppProperties app, TaskExecutor partitionExecutor,
            Step selectExpiringDepositsPartition) {
        return new StepBuilder(SELECT, jobRepository)
                .partitioner(SELECT_WORKER, new MunicipalityRangePartitioner())
                .step(selectExpiringDepositsPartition)
                .gridSize(app.renewal().partitions())
                .taskExecutor(partitionExecutor)
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
            NoticeDispatch noticeDispatch, SkipBudget noticeSkipBudget, NoticeRecords records, JdbcTemplate jdbc) {
        return new StepBuilder(SEND_WORKER, jobRepository)
                .<PendingNotice, PreparedNotice>chunk(app.renewal().chunkSize()).transactionManager(tx)
                .reader(pendingNoticeReader)
                .processor(noticePreparation)
                .writer(noticeDispatch)
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

    @Bean
    Step sendNotices(JobRepository jobRepository, AppProperties app, TaskExecutor partitionExecutor,
            Step sendNoticesPartition) {
        return new StepBuilder(SEND, jobRepository)
                .partitioner(SEND_WORKER, new MunicipalityRangePartitioner())
                .step(sendNoticesPartition)
                .gridSize(app.renewal().partitions())
                .taskExecutor(partitionExecutor)
                .build();
    }

    // --- municipality lists, print batch, journal -----------------------------------------

    @Bean
    @StepScope
    MunicipalityListSender municipalityListSender(JdbcTemplate jdbc, MunicipalShipments shipments,
            MessageComposer composer, RenewalOutputs outputs, Clock clock,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new MunicipalityListSender(jdbc, shipments, composer, outputs, runDate, clock);
    }

    @Bean
    Step sendMunicipalityLists(JobRepository jobRepository, PlatformTransactionManager tx,
            MunicipalityListSender municipalityListSender) {
        return new StepBuilder(LISTS, jobRepository).tasklet(municipalityListSender, tx).build();
    }

    @Bean
    @StepScope
    PrintBatchAssembly printBatchAssembly(JdbcTemplate jdbc, RenewalOutputs outputs, NoticeRecords records,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new PrintBatchAssembly(jdbc, outputs, records, runDate);
    }

    @Bean
    Step assemblePrintBatch(JobRepository jobRepository, PlatformTransactionManager tx,
            PrintBatchAssembly printBatchAssembly) {
        return new StepBuilder(PRINT, jobRepository).tasklet(printBatchAssembly, tx).build();
    }

    @Bean
    @StepScope
    JournalWriter journalWriter(JdbcTemplate jdbc, RenewalOutputs outputs,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new JournalWriter(jdbc, outputs, runDate);
    }

    @Bean
    Step writeJournal(JobRepository jobRepository, PlatformTransactionManager tx, JournalWriter journalWriter) {
        return new StepBuilder(JOURNAL, jobRepository).tasklet(journalWriter, tx).build();
    }

    @Bean
    Job renewalNoticeJob(JobRepository jobRepository, Step selectExpiringDeposits, Step sendNotices,
            Step sendMunicipalityLists, Step assemblePrintBatch, Step writeJournal, RunningJobs runningJobs) {
        return new JobBuilder(JOB, jobRepository)
                .listener(runningJobs)
                .start(selectExpiringDeposits)
                .next(sendNotices)
                .next(sendMunicipalityLists)
                .next(assemblePrintBatch)
                .next(writeJournal)
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
