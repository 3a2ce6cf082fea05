package dk.udlaendinge.batch.notice;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.deposit.RenewalRule;

/**
 * What the command line, the daemon's schedule and the console need of the renewal job,
 * so none of them knows its parameters, builds its domain objects or reads its records:
 * the job and its parameters for a run date, the dry run, and the summary of a run date's
 * notices. Launching stays with the one launch path ({@code ops.JobRunner}).
 */
public final class Renewals {

    private final Job job;

    private final JobRepository repository;

    private final NoticeRepository notices;

    private final RenewalRule rule;

    private final NoticePreparations preparations;

    private final JdbcTemplate jdbc;

    private final Folders app;

    private final RenewalSettings settings;

    public Renewals(Job renewalNoticeJob, JobRepository repository, NoticeRepository notices, RenewalRule rule,
            NoticePreparations preparations, JdbcTemplate jdbc, Folders app, RenewalSettings settings) {
        this.job = renewalNoticeJob;
        this.repository = repository;
        this.notices = notices;
        this.rule = rule;
        this.preparations = preparations;
        this.jdbc = jdbc;
        this.app = app;
        this.settings = settings;
    }

    public Job job() {
        return job;
    }

    /**
     * A run is identified by its run date alone, so a rerun of a completed date sends
     * nothing again.
     */
    public JobParameters parameters(LocalDate runDate) {
        return new JobParametersBuilder().addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
            .toJobParameters();
    }

    /**
     * The run date of an execution of the renewal job; empty for an execution of another
     * job.
     */
    public Optional<LocalDate> runDateOf(JobExecution execution) {
        if (!execution.getJobInstance().getJobName().equals(RenewalNoticeJobConfiguration.JOB)) {
            return Optional.empty();
        }
        return Optional
            .ofNullable(execution.getJobParameters().getLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE));
    }

    /** The execution that completed the run for this date, if one did. */
    public Optional<Long> completedExecution(LocalDate runDate) {
        JobInstance instance = repository.getJobInstance(RenewalNoticeJobConfiguration.JOB, parameters(runDate));
        if (instance == null) {
            return Optional.empty();
        }
        return repository.getJobExecutions(instance)
            .stream()
            .filter(e -> e.getStatus() == BatchStatus.COMPLETED)
            .map(JobExecution::getId)
            .findFirst();
    }

    /**
     * {@code renewal --dry-run}: what a run would do, with nothing recorded and nothing
     * sent.
     */
    public void dryRun(LocalDate runDate, PrintStream out) {
        new RenewalDryRun(notices, rule, preparations.forRunDate(runDate)).run(runDate, out);
    }

    /** What the run date's notices came to, from the records (also after a restart). */
    public void printSummary(LocalDate runDate, PrintStream out) {
        new RenewalSummary(jdbc, new RenewalOutputs(app.outputDir())).print(out, runDate);
    }

    /** How far ahead of today a run date may be (app.renewal.future-margin). */
    public java.time.Duration futureMargin() {
        return settings.futureMargin();
    }

}
