package dk.udlaendinge.batch.quota;

import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * Step {@code sendMunicipalityWorkbooks}: each municipality's workbook of the published
 * revision, by Digital Post or paper, each message recorded so a restart sends only the
 * rest.
 */
class SendMunicipalityWorkbooks implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SendMunicipalityWorkbooks.class);

    private final Path outputDir;

    private final QuotaWorkbookSender messages;

    SendMunicipalityWorkbooks(Path outputDir, QuotaWorkbookSender messages) {
        this.outputDir = outputDir;
        this.messages = messages;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters p = contribution.getStepExecution().getJobParameters();
        YearFolder folder = new YearFolder(outputDir, p.getLong(QuotaJobConfiguration.YEAR).intValue());
        int revision = p.getLong(QuotaJobConfiguration.REVISION).intValue();
        Optional<YearFolder.Manifest> current = folder.current();
        if (current.isEmpty() || current.get().revision() != revision) {
            // a newer revision replaced this one before its messages went out: send the
            // newer one instead
            log.warn("Quota {} revision {} is no longer the published revision; its workbooks are not sent",
                    folder.year(), revision);
            return RepeatStatus.FINISHED;
        }
        QuotaWorkbookSender.Delivery d = messages.sendAll(folder, current.get());
        contribution.incrementWriteCount(d.sentNow());
        return RepeatStatus.FINISHED;
    }

}
