package dk.udlaendinge.batch.notice;

import java.time.Clock;
import java.time.LocalDate;


import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.partition.Partitioning;

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
 * Select and send are partitioned by ranges of kommunekode. Their worker steps are in
 * {@link RenewalNoticeWorkerConfiguration}; where the partitions run (threads here, or worker
 * nodes over the broker) is {@code app.renewal.partitioning}, wired in {@code common.batch.partition}.
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
    /**
     * The version of the worker steps' contract with the manager: the partition context's keys
     * (fromCode, toCode), what a partition selects and sends, the tables it writes. Raise it with
     * any change to those, so that a worker node of another release refuses the requests
     * instead of doing something else with them.
     */
    public static final String PARTITION_CONTRACT = "renewal-partitions-1";

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

    // --- the partitioned manager steps: their worker steps are in RenewalNoticeWorkerConfiguration ---

    @Bean
    Step selectExpiringDeposits(JobRepository jobRepository, AppProperties app, Partitioning partitioning,
            Step selectExpiringDepositsPartition) {
        return new StepBuilder(SELECT, jobRepository)
                .partitioner(SELECT_WORKER, new MunicipalityRangePartitioner())
                .partitionHandler(partitioning.handler(selectExpiringDepositsPartition, app.renewal().partitions(),
                        PARTITION_CONTRACT))
                .build();
    }

    /**
     * The send step's partitions: {@code app.renewal.send-partitions}, or as many as the select
     * step's. Each notice's SENT mark is committed on its own, and that commit waits for the
     * disk, and on PostgreSQL for the server's reply and WAL flush (40 % of a partition's time
     * when profiled): more send partitions than cores keep the cores rendering meanwhile. The
     * double-send bound is one message per send partition.
     */
    public static int sendPartitions(AppProperties app) {
        return app.renewal().sendPartitions() > 0 ? app.renewal().sendPartitions() : app.renewal().partitions();
    }

    /** The send step's ranges hold about as many pending notices each (read when the step first splits). */
    @Bean
    @StepScope
    Partitioner sendPartitioner(NoticeRepository notices, @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new MunicipalityRangePartitioner(() -> notices.pendingPerMunicipality(runDate));
    }

    @Bean
    Step sendNotices(JobRepository jobRepository, AppProperties app, Partitioning partitioning,
            Step sendNoticesPartition, Partitioner sendPartitioner) {
        return new StepBuilder(SEND, jobRepository)
                .partitioner(SEND_WORKER, sendPartitioner)
                .partitionHandler(partitioning.handler(sendNoticesPartition, sendPartitions(app),
                        PARTITION_CONTRACT))
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

}
