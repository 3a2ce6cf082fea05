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

import dk.udlaendinge.batch.common.batch.partition.PartitioningSettings;
import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.common.batch.partition.Partitioning;

/**
 * {@code renewalNoticeJob}, identified by its run date (no incrementer: a second run for
 * the same date is the same instance and sends nothing new). Steps, in order:
 * <ol>
 * <li>{@code sendNotices}: each partition sends what is pending, then walks its
 * municipalities' registry in windows of deposit ids: the window's due deposits become
 * notice rows (key: deposit, expiry), and are rendered, measured, routed and sent before
 * the next window is selected;</li>
 * <li>{@code sendMunicipalityLists}: one list per municipality with notices;</li>
 * <li>{@code assemblePrintBatch}: the paper letters into one print PDF and a
 * manifest;</li>
 * <li>{@code writeJournal}: every notice this run sent.</li>
 * </ol>
 * The send step is partitioned by ranges of kommunekode. Its worker step is in
 * {@link RenewalNoticeWorkerConfiguration}; where the partitions run (threads here, or
 * worker nodes over the broker) is {@code app.renewal.partitioning}, wired in
 * {@code common.batch.partition}.
 */
@Configuration(proxyBeanMethods = false)
public class RenewalNoticeJobConfiguration {

    public static final String JOB = "renewalNoticeJob";

    public static final String SEND = "sendNotices";

    public static final String SEND_WORKER = "sendNoticesPartition";

    public static final String LISTS = "sendMunicipalityLists";

    public static final String PRINT = "assemblePrintBatch";

    public static final String JOURNAL = "writeJournal";

    public static final String PARAM_RUN_DATE = "runDate";

    /**
     * In a send partition's execution context: how many notices it selected this run (a
     * count).
     */
    public static final String SELECTED_COUNT = "notices.selected";

    /**
     * The version of the worker steps' contract with the manager: the partition context's
     * keys (fromCode, toCode), what a partition selects and sends, the tables it writes.
     * Raise it with any change to those, so that a worker node of another release refuses
     * the requests instead of doing something else with them. 2: the send partition
     * selects its due deposits itself, window by window (a worker of 1 would send only
     * what a select step had selected).
     */
    public static final String PARTITION_CONTRACT = "renewal-partitions-2";

    @Bean
    RenewalRule renewalRule(RenewalSettings renewal) {
        return new RenewalRule(SecurityRules.THROUGH_TIME, renewal.leadDays());
    }

    @Bean
    FullAmountLevels fullAmountLevels(RenewalSettings renewal) {
        return new FullAmountLevels(renewal.fullAmountLevels());
    }

    @Bean
    RenewalOutputs renewalOutputs(Folders app) {
        return new RenewalOutputs(app.outputDir());
    }

    @Bean
    RenewalReport renewalReport(JdbcTemplate jdbc) {
        return new RenewalReport(jdbc);
    }

    // --- the partitioned manager step: its worker step is in
    // RenewalNoticeWorkerConfiguration ---

    /**
     * The send step's partitions: {@code app.renewal.send-partitions}, or
     * {@code app.renewal.partitions}. Each notice's SENT mark is committed on its own,
     * and that commit waits for the disk, and on PostgreSQL for the server's reply and
     * WAL flush (40 % of a partition's time when profiled): more send partitions than
     * cores keep the cores rendering meanwhile. The double-send bound is one message per
     * send partition.
     */
    public static int sendPartitions(PartitioningSettings partitions) {
        return partitions.effectiveSendPartitions();
    }

    /**
     * The send step's ranges hold about as much work each: deposits due and notices
     * pending, one grouped count when the step first splits (a restart keeps the ranges).
     */
    @Bean
    @StepScope
    Partitioner sendPartitioner(NoticeRepository notices, RenewalRule rule,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new MunicipalityRangePartitioner(() -> notices.workPerMunicipality(runDate, rule.horizon(runDate)));
    }

    @Bean
    Step sendNotices(JobRepository jobRepository, PartitioningSettings partitions, Partitioning partitioning,
            Step sendNoticesPartition, Partitioner sendPartitioner) {
        return new StepBuilder(SEND, jobRepository).partitioner(SEND_WORKER, sendPartitioner)
            .partitionHandler(
                    partitioning.handler(sendNoticesPartition, sendPartitions(partitions), PARTITION_CONTRACT))
            .build();
    }

    // --- municipality lists, print batch, journal
    // -----------------------------------------

    @Bean
    @StepScope
    MunicipalityListSender municipalityListSender(JdbcTemplate jdbc, NoticeRepository records,
            MunicipalShipments shipments, MessageComposer composer, RenewalOutputs outputs, Clock clock,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new MunicipalityListSender(jdbc, records, shipments, composer, outputs, runDate, clock);
    }

    @Bean
    Step sendMunicipalityLists(JobRepository jobRepository, PlatformTransactionManager tx,
            MunicipalityListSender municipalityListSender) {
        return new StepBuilder(LISTS, jobRepository).tasklet(municipalityListSender, tx).build();
    }

    @Bean
    @StepScope
    PrintBatchAssembly printBatchAssembly(JdbcTemplate jdbc, RenewalOutputs outputs, NoticeRepository records,
            Folders folders, CaseDocumentSettings documents, @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new PrintBatchAssembly(jdbc, outputs, records, runDate, CaseDocumentLimits.of(folders, documents));
    }

    @Bean
    Step assemblePrintBatch(JobRepository jobRepository, PlatformTransactionManager tx,
            PrintBatchAssembly printBatchAssembly) {
        return new StepBuilder(PRINT, jobRepository).tasklet(printBatchAssembly, tx).build();
    }

    @Bean
    @StepScope
    JournalWriter journalWriter(NoticeRepository records, RenewalOutputs outputs,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new JournalWriter(records, outputs, runDate);
    }

    @Bean
    Step writeJournal(JobRepository jobRepository, PlatformTransactionManager tx, JournalWriter journalWriter) {
        return new StepBuilder(JOURNAL, jobRepository).tasklet(journalWriter, tx).build();
    }

    @Bean
    Job renewalNoticeJob(JobRepository jobRepository, Step sendNotices, Step sendMunicipalityLists,
            Step assemblePrintBatch, Step writeJournal) {
        // who runs it (RunningJobs) is recorded for every job by ops.OpsConfiguration,
        // once
        return new JobBuilder(JOB, jobRepository).start(sendNotices)
            .next(sendMunicipalityLists)
            .next(assemblePrintBatch)
            .next(writeJournal)
            .build();
    }

    @Bean
    Renewals renewals(Job renewalNoticeJob, JobRepository jobRepository, NoticeRepository notices, RenewalRule rule,
            NoticePreparations preparations, JdbcTemplate jdbc, dk.udlaendinge.batch.common.Folders folders,
            RenewalSettings settings) {
        return new Renewals(renewalNoticeJob, jobRepository, notices, rule, preparations, jdbc, folders, settings);
    }

}
