package dk.udlaendinge.batch.notice;

import java.time.Clock;
import java.time.LocalDate;


import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
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
    NoticeRepository noticeRepository(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new NoticeRepository(jdbc, tx);
    }

    @Bean
    TaskExecutor partitionExecutor(AppProperties app) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        executor.setConcurrencyLimit(app.renewal().partitions());
        return executor;
    }

    // --- selectExpiringDeposits --------------------------------------------------------

    /** See {@link DueDepositSelection}: one set-based statement per partition. */
    @Bean
    @StepScope
    DueDepositSelection dueDepositSelection(NoticeRepository notices, RenewalRule rule,
            @Value("#{jobParameters['runDate']}") LocalDate runDate,
            @Value("#{stepExecutionContext['fromCode']}") Integer fromCode,
            @Value("#{stepExecutionContext['toCode']}") Integer toCode) {
        return new DueDepositSelection(notices, rule, runDate, fromCode, toCode);
    }

    @Bean
    Step selectExpiringDepositsPartition(JobRepository jobRepository, PlatformTransactionManager tx,
            DueDepositSelection dueDepositSelection) {
        return new StepBuilder(SELECT_WORKER, jobRepository)
                .tasklet(dueDepositSelection, tx)
                .listener((StepExecutionListener) new ProgressLogger("deposits"))
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
    PendingNoticeReader pendingNoticeReader(NoticeRepository notices,
            @Value("#{jobParameters['runDate']}") LocalDate runDate,
            @Value("#{stepExecutionContext['fromCode']}") Integer fromCode,
            @Value("#{stepExecutionContext['toCode']}") Integer toCode) {
        return new PendingNoticeReader(notices, runDate, fromCode, toCode);
    }

    @Bean
    @StepScope
    NoticePreparation noticePreparation(AppProperties app, FullAmountLevels levels, MessageComposer composer,
            Clock clock, @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new NoticePreparation(runDate, levels, app.digitalPost().limit().toBytes(), composer, clock);
    }

    @Bean
    @StepScope
    NoticeDispatch noticeDispatch(MailGateway gateway, NoticeRepository records, RenewalOutputs outputs, Clock clock,
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
            NoticeDispatch noticeDispatch, SkipBudget noticeSkipBudget, NoticeRepository records) {
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
                .listener(new ProgressLogger("notices", step -> records.countPending(runDate(step),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.FROM),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.TO))))
                .build();
    }

    /**
     * The send step's partitions: {@code app.renewal.send-partitions}, or as many as the select
     * step's. Each notice's SENT mark is committed on its own, and that commit waits for the
     * disk, and on PostgreSQL for the server's reply and WAL flush (40 % of a partition's time
     * when profiled): more send partitions than cores keep the cores rendering meanwhile. The
     * double-send bound is one message per send partition.
     */
    static int sendPartitions(AppProperties app) {
        return app.renewal().sendPartitions() > 0 ? app.renewal().sendPartitions() : app.renewal().partitions();
    }

    @Bean
    TaskExecutor sendPartitionExecutor(AppProperties app) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        executor.setConcurrencyLimit(sendPartitions(app));
        return executor;
    }

    @Bean
    Step sendNotices(JobRepository jobRepository, AppProperties app, TaskExecutor sendPartitionExecutor,
            Step sendNoticesPartition) {
        return new StepBuilder(SEND, jobRepository)
                .partitioner(SEND_WORKER, new MunicipalityRangePartitioner())
                .step(sendNoticesPartition)
                .gridSize(sendPartitions(app))
                .taskExecutor(sendPartitionExecutor)
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
    PrintBatchAssembly printBatchAssembly(JdbcTemplate jdbc, RenewalOutputs outputs, NoticeRepository records,
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
}
