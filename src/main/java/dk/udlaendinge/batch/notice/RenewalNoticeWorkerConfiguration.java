package dk.udlaendinge.batch.notice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.delivery.DigitalPostSettings;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.common.batch.partition.WorkerSteps;
import dk.udlaendinge.batch.delivery.DigitalPostLimits;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.delivery.MemoGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.deposit.RenewalRule;

import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.PARTITION_CONTRACT;
import static dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration.SEND_WORKER;

/**
 * The worker side of {@code renewalNoticeJob}: the step that runs one partition (a range
 * of kommunekode) of {@code sendNotices}, which selects its due deposits as it sends
 * them, with its reader, processor and writer. The same beans run on threads of the
 * manager's process ({@code app.renewal.partitioning: local}) and on worker nodes
 * ({@code remote}, {@code ./run.sh
 * worker}); {@link RenewalNoticeJobConfiguration} holds the job and the manager steps. A
 * partition's context holds only its two codes (and who ran it), so nothing here depends
 * on where it runs.
 */
@Configuration(proxyBeanMethods = false)
public class RenewalNoticeWorkerConfiguration {

    @Bean
    NoticeRepository noticeRepository(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new NoticeRepository(jdbc, tx);
    }

    /**
     * What remote workers may be asked to run, with the contract they must share with the
     * manager.
     */
    @Bean
    WorkerSteps renewalWorkerSteps() {
        return new WorkerSteps(Map.of(SEND_WORKER, PARTITION_CONTRACT));
    }

    // --- sendNotices -------------------------------------------------------------------

    /**
     * The partition's notices: first what is pending (earlier runs' skipped or unsent
     * notices, an earlier attempt's), then its municipalities' due deposits, selected one
     * window of the registry at a time right before they are sent: see
     * {@link PendingNoticeReader}. The notice status and the notice key are the restart
     * position, so the reader keeps none.
     */
    @Bean
    @StepScope
    PendingNoticeReader pendingNoticeReader(NoticeRepository notices, RenewalRule rule,
            @Value("#{jobParameters['runDate']}") LocalDate runDate,
            @Value("#{stepExecutionContext['fromCode']}") Integer fromCode,
            @Value("#{stepExecutionContext['toCode']}") Integer toCode) {
        return new PendingNoticeReader(notices, runDate, rule.horizon(runDate),
                Municipalities.all().list().stream().map(Municipality::kommunekode).toList(), fromCode, toCode,
                PendingNoticeReader.WINDOW);
    }

    @Bean
    NoticePreparations noticePreparations(Folders folders, CaseDocumentSettings documents,
            DigitalPostSettings digitalPost, FullAmountLevels levels, DigitalPostLimits limits,
            MessageComposer composer, MemoComposer memo, Clock clock) {
        return new NoticePreparations(folders, documents, digitalPost, levels, limits, composer, memo, clock);
    }

    @Bean
    @StepScope
    NoticePreparation noticePreparation(NoticePreparations preparations,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return preparations.forRunDate(runDate);
    }

    @Bean
    @StepScope
    NoticeDispatch noticeDispatch(MailGateway gateway, MemoGateway memoGateway, SkipBudget noticeSkipBudget,
            NoticeRepository records, RenewalOutputs outputs, Clock clock,
            @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return new NoticeDispatch(gateway, memoGateway, noticeSkipBudget, records, outputs, runDate, clock);
    }

    @Bean
    SkipBudget noticeSkipBudget(RenewalSettings renewal) {
        return new SkipBudget(renewal.skipLimit());
    }

    @Bean
    Step sendNoticesPartition(JobRepository jobRepository, PlatformTransactionManager tx, RenewalSettings renewal,
            PendingNoticeReader pendingNoticeReader, NoticePreparation noticePreparation, NoticeDispatch noticeDispatch,
            SkipBudget noticeSkipBudget, NoticeRepository records, WorkerStamp workerStamp) {
        return new StepBuilder(SEND_WORKER, jobRepository).<PendingNotice, PreparedNotice>chunk(renewal.chunkSize())
            .transactionManager(tx)
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
            // the total: the range's estimate from when the step split (no count before
            // the first notice)
            .listener(new ProgressLogger("notices",
                    step -> step.getExecutionContext().getLong(MunicipalityRangePartitioner.WEIGHT, -1L)))
            .build();
    }

}
