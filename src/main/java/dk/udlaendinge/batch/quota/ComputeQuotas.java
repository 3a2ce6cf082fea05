package dk.udlaendinge.batch.quota;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;
import dk.udlaendinge.batch.quota.model.QuotaInputs;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * Step {@code computeQuotas}: reads and checks the inputs again (they must still be the
 * ones the command checked), computes the quotas and writes the revision's workbooks into
 * a staging folder. Publishing is the next step, so a failure here leaves the published
 * revision alone.
 */
class ComputeQuotas implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ComputeQuotas.class);

    private final Path outputDir;

    ComputeQuotas(Path outputDir) {
        this.outputDir = outputDir;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters p = contribution.getStepExecution().getJobParameters();
        int year = p.getLong(QuotaJobConfiguration.YEAR).intValue();
        int revision = p.getLong(QuotaJobConfiguration.REVISION).intValue();
        String hash = p.getString(QuotaJobConfiguration.INPUT_HASH);
        YearFolder folder = new YearFolder(outputDir, year);
        Optional<YearFolder.Manifest> current = folder.current();
        if (current.isPresent() && current.get().revision() == revision) {
            log.info("Quota {} revision {} is already published; nothing to compute", year, revision);
            return RepeatStatus.FINISHED;
        }
        String agreements = p.getString(QuotaJobConfiguration.AGREEMENTS);
        QuotaInputs inputs = QuotaInputs.read(year, p.getLong(QuotaJobConfiguration.NATIONAL_FIGURE),
                Path.of(p.getString(QuotaJobConfiguration.STATISTICS)),
                agreements == null || agreements.isEmpty() ? null : Path.of(agreements));
        if (!inputs.inputHash().equals(hash)) {
            throw new IllegalStateException("the input files changed after they were checked (input hash "
                    + inputs.inputHash() + ", expected " + hash + "); run the quota command again");
        }
        QuotaRevision rev = new QuotaRevision(inputs, inputs.compute(), revision, previous(folder, current),
                Instant.now());
        folder.discardStaging(revision); // a restart rewrites the staged set from scratch
        Path staging = folder.staging(revision);
        int workbooks;
        try {
            workbooks = QuotaFiles.writeAll(rev, staging);
            YearFolder.writeManifest(staging,
                    new YearFolder.Manifest(revision, hash, inputs.nationalFigure(), inputs.demo()));
        }
        catch (RuntimeException e) {
            folder.discardStaging(revision);
            throw e;
        }
        contribution.getStepExecution()
            .getJobExecution()
            .getExecutionContext()
            .putInt(QuotaJobConfiguration.WORKBOOKS, workbooks);
        contribution.incrementWriteCount(workbooks);
        log.info("Quota {} revision {}: {} workbooks written to {}", year, revision, workbooks, staging);
        return RepeatStatus.FINISHED;
    }

    /**
     * The change column compares with the current revision of the year, else with last
     * year's quotas.
     */
    private QuotaRevision.Previous previous(YearFolder folder, Optional<YearFolder.Manifest> current) {
        int year = folder.year();
        if (current.isPresent()) {
            return new QuotaRevision.Previous(
                    "revision " + current.get().revision() + " af " + year + " (landstal "
                            + current.get().nationalFigure() + ")",
                    QuotaFiles.readQuotas(folder.dir().resolve(QuotaFiles.csvName(year))));
        }
        YearFolder lastYear = new YearFolder(outputDir, year - 1);
        Path csv = lastYear.dir().resolve(QuotaFiles.csvName(year - 1));
        if (Files.isRegularFile(csv)) {
            return new QuotaRevision.Previous("kvoterne for " + (year - 1), QuotaFiles.readQuotas(csv));
        }
        return null;
    }

}
