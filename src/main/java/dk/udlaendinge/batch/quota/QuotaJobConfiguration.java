package dk.udlaendinge.batch.quota;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalShipments;

/**
 * {@code quotaWorkbookJob}: {@code computeQuotas} ({@link ComputeQuotas}: read, check,
 * compute, write the new revision into a staging folder), {@code publishRevision}
 * ({@link PublishRevision}: swap it in, keep the old one under {@code previous/<n>/}),
 * {@code sendMunicipalityWorkbooks} ({@link SendMunicipalityWorkbooks}: Digital Post,
 * recorded per message). Identified by year, revision and input hash; the inputs' paths
 * travel as non-identifying parameters. {@link QuotaRequests} prepares a run; the command
 * line launches it like every job.
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

    @Bean
    QuotaWorkbookSender quotaWorkbookSender(MailGateway gateway, MunicipalShipments shipments, MessageComposer composer,
            JdbcTemplate jdbc, PlatformTransactionManager tx, Folders app) {
        return new QuotaWorkbookSender(gateway, shipments, composer, jdbc, tx, app);
    }

    // ---- the steps, in the order they run
    // ---------------------------------------------------------

    @Bean
    Step computeQuotas(JobRepository repository, PlatformTransactionManager tx, Folders app) {
        return new StepBuilder("computeQuotas", repository).tasklet(new ComputeQuotas(app.outputDir()), tx).build();
    }

    @Bean
    Step publishRevision(JobRepository repository, PlatformTransactionManager tx, Folders app) {
        return new StepBuilder("publishRevision", repository).tasklet(new PublishRevision(app.outputDir()), tx).build();
    }

    @Bean
    Step sendMunicipalityWorkbooks(JobRepository repository, PlatformTransactionManager tx, Folders app,
            QuotaWorkbookSender messages) {
        return new StepBuilder("sendMunicipalityWorkbooks", repository)
            .tasklet(new SendMunicipalityWorkbooks(app.outputDir(), messages), tx)
            .build();
    }

    // ---- the job
    // ------------------------------------------------------------------------------

    @Bean
    Job quotaWorkbookJob(JobRepository repository, Step computeQuotas, Step publishRevision,
            Step sendMunicipalityWorkbooks) {
        // who runs it (pid, host) is recorded by the command line's launch path for every
        // job
        return new JobBuilder(JOB, repository).start(computeQuotas)
            .next(publishRevision)
            .next(sendMunicipalityWorkbooks)
            .build();
    }

}
