package dk.udlaendinge.batch.quota;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * Step {@code publishRevision}: swaps the staged revision in as the year's published one
 * and keeps the one it replaces under {@code previous/<n>/}.
 */
class PublishRevision implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishRevision.class);

    private final Path outputDir;

    PublishRevision(Path outputDir) {
        this.outputDir = outputDir;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters p = contribution.getStepExecution().getJobParameters();
        YearFolder folder = new YearFolder(outputDir, p.getLong(QuotaJobConfiguration.YEAR).intValue());
        int revision = p.getLong(QuotaJobConfiguration.REVISION).intValue();
        folder.publish(revision);
        log.info("Quota {} revision {} published in {}", folder.year(), revision, folder.dir());
        return RepeatStatus.FINISHED;
    }

}
