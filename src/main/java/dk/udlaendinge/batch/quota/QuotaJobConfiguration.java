package dk.udlaendinge.batch.quota;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * {@code quotaWorkbookJob}: {@code computeQuotas} (read, check, compute, write the new revision
 * into a staging folder), {@code publishRevision} (swap it in, keep the old one under
 * {@code previous/<n>/}), {@code sendMunicipalityWorkbooks} (Digital Post, recorded per message).
 * Identified by year, revision and input hash; the inputs' paths travel as non-identifying
 * parameters. {@link QuotaRun} prepares a run; the command line launches it like every job.
 */
@Configuration(proxyBeanMethods = false)
class QuotaJobConfiguration {

    static final String JOB = "quotaWorkbookJob";
    static final String YEAR = "year";
    static final String REVISION = "revision";
    static final String INPUT_HASH = "inputHash";
    static final String NATIONAL_FIGURE = "nationalFigure";
    static final String STATISTICS = "statistics";
    static final String AGREEMENTS = "agreements";
    static final String WORKBOOKS = "workbooks";

    private static final Logger log = LoggerFactory.getLogger(QuotaJobConfiguration.class);

    @Bean
    QuotaMessages quotaMessages(MailGateway gateway, MunicipalShipments shipments, MessageComposer composer,
            JdbcTemplate jdbc, PlatformTransactionManager tx, AppProperties app) {
        return new QuotaMessages(gateway, shipments, composer, jdbc, tx, app);
    }

    // ---- computeQuotas ------------------------------------------------------------------------

    @Bean
    Step computeQuotas(JobRepository repository, PlatformTransactionManager tx, AppProperties app) {
        Tasklet tasklet = (contribution, chunk) -> {
            JobParameters p = contribution.getStepExecution().getJobParameters();
            int year = p.getLong(YEAR).intValue();
            int revision = p.getLong(REVISION).intValue();
            String hash = p.getString(INPUT_HASH);
            YearFolder folder = new YearFolder(app.outputDir(), year);
            Optional<YearFolder.Manifest> current = folder.current();
            if (current.isPresent() && current.get().revision() == revision) {
                log.info("Quota {} revision {} is already published; nothing to compute", year, revision);
                return RepeatStatus.FINISHED;
            }
            String agreements = p.getString(AGREEMENTS);
            QuotaInputs inputs = QuotaInputs.read(year, p.getLong(NATIONAL_FIGURE), Path.of(p.getString(STATISTICS)),
                    agreements == null || agreements.isEmpty() ? null : Path.of(agreements));
            if (!inputs.inputHash().equals(hash)) {
                throw new IllegalStateException("the input files changed after they were checked (input hash "
                        + inputs.inputHash() + ", expected " + hash + "); run the quota command again");
            }
            QuotaRevision rev = new QuotaRevision(inputs, inputs.compute(), revision, previous(app, folder, current),
                    Instant.now());
            folder.discardStaging(revision); // a restart rewrites the staged set from scratch
            Path staging = folder.staging(revision);
            int workbooks;
            try {
                workbooks = QuotaFiles.writeAll(rev, staging);
                YearFolder.writeManifest(staging, new YearFolder.Manifest(revision, hash, inputs.nationalFigure(), inputs.demo()));
            } catch (RuntimeException e) {
                folder.discardStaging(revision);
                throw e;
            }
            contribution.getStepExecution().getJobExecution().getExecutionContext().putInt(WORKBOOKS, workbooks);
            contribution.incrementWriteCount(workbooks);
            log.info("Quota {} revision {}: {} workbooks written to {}", year, revision, workbooks, staging);
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("computeQuotas", repository).tasklet(tasklet, tx).build();
    }

    /** The change column compares with the current revision of the year, else with last year's quotas. */
    private static QuotaRevision.Previous previous(AppProperties app, YearFolder folder, Optional<YearFolder.Manifest> current) {
        int year = folder.year();
        if (current.isPresent()) {
            return new QuotaRevision.Previous("revision " + current.get().revision() + " af " + year + " (landstal "
                    + current.get().nationalFigure() + ")", QuotaFiles.readQuotas(folder.dir().resolve(QuotaFiles.csvName(year))));
        }
        YearFolder lastYear = new YearFolder(app.outputDir(), year - 1);
        Path csv = lastYear.dir().resolve(QuotaFiles.csvName(year - 1));
        if (java.nio.file.Files.isRegularFile(csv)) {
            return new QuotaRevision.Previous("kvoterne for " + (year - 1), QuotaFiles.readQuotas(csv));
        }
        return null;
    }

    // ---- publishRevision ----------------------------------------------------------------------

    @Bean
    Step publishRevision(JobRepository repository, PlatformTransactionManager tx, AppProperties app) {
        Tasklet tasklet = (contribution, chunk) -> {
            JobParameters p = contribution.getStepExecution().getJobParameters();
            YearFolder folder = new YearFolder(app.outputDir(), p.getLong(YEAR).intValue());
            int revision = p.getLong(REVISION).intValue();
            folder.publish(revision);
            log.info("Quota {} revision {} published in {}", folder.year(), revision, folder.dir());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("publishRevision", repository).tasklet(tasklet, tx).build();
    }

    // ---- sendMunicipalityWorkbooks --------------------------------------------------------------

    @Bean
    Step sendMunicipalityWorkbooks(JobRepository repository, PlatformTransactionManager tx, AppProperties app,
            QuotaMessages messages) {
        Tasklet tasklet = (contribution, chunk) -> {
            JobParameters p = contribution.getStepExecution().getJobParameters();
            YearFolder folder = new YearFolder(app.outputDir(), p.getLong(YEAR).intValue());
            int revision = p.getLong(REVISION).intValue();
            Optional<YearFolder.Manifest> current = folder.current();
            if (current.isEmpty() || current.get().revision() != revision) {
                // a newer revision replaced this one before its messages went out: send the newer one instead
                log.warn("Quota {} revision {} is no longer the published revision; its workbooks are not sent",
                        folder.year(), revision);
                return RepeatStatus.FINISHED;
            }
            QuotaMessages.Delivery d = messages.sendAll(folder, current.get());
            contribution.incrementWriteCount(d.sentNow());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("sendMunicipalityWorkbooks", repository).tasklet(tasklet, tx).build();
    }

    // ---- the job ------------------------------------------------------------------------------

    @Bean
    Job quotaWorkbookJob(JobRepository repository, Step computeQuotas, Step publishRevision, Step sendMunicipalityWorkbooks) {
        // who runs it (pid, host) is recorded by the command line's launch path for every job
        return new JobBuilder(JOB, repository)
                .start(computeQuotas)
                .next(publishRevision)
                .next(sendMunicipalityWorkbooks)
                .build();
    }
}
