package dk.udlaendinge.batch.notice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
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

    @Bean
    NoticeRepository noticeRepository(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new NoticeRepository(jdbc, tx);
    }

    /** What remote workers may be asked to run, with the contract they must share with the manager. */
    @Bean
    WorkerSteps renewalWorkerSteps() {
        return new WorkerSteps(Map.of(SELECT_WORKER, PARTITION_CONTRACT, SEND_WORKER, PARTITION_CONTRACT));
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
            DueDepositSelection dueDepositSelection, WorkerStamp workerStamp) {
        return new StepBuilder(SELECT_WORKER, jobRepository)
                .tasklet(dueDepositSelection, tx)
                .listener(workerStamp)
                .listener((StepExecutionListener) new ProgressLogger("deposits"))
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
            NoticeDispatch noticeDispatch, SkipBudget noticeSkipBudget, NoticeRepository records,
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
                .listener(new ProgressLogger("notices", step -> records.countPending(runDate(step),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.FROM),
                        step.getExecutionContext().getInt(MunicipalityRangePartitioner.TO))))
                .build();
    }

    private static LocalDate runDate(org.springframework.batch.core.step.StepExecution step) {
        return step.getJobExecution().getJobParameters().getLocalDate(PARAM_RUN_DATE);
    }
}
