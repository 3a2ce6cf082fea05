package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.notice.RenewalSettings;
import dk.udlaendinge.batch.delivery.DigitalPostSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.delivery.DigitalPostLimits;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.notice.FullAmountLevels;
import dk.udlaendinge.batch.notice.NoticePreparation;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.notice.RenewalDryRun;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.RenewalSummary;

/**
 * {@code ./run.sh renewal [--run-date YYYY-MM-DD] [--dry-run]}: the nightly renewal-notice
 * job, identified by its run date, so a rerun of a completed date sends nothing again.
 */
public final class RenewalCommand implements Command {

    static final Option RUN_DATE = Option.date("run-date");
    static final Option DRY_RUN = Option.flag("dry-run");

    @Override
    public String name() {
        return "renewal";
    }

    @Override
    public String summary() {
        return "the nightly renewal-notice job (run date defaults to today)";
    }

    @Override
    public List<Option> options() {
        return List.of(RUN_DATE, DRY_RUN);
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        LocalDate today = LocalDate.now(context.bean(Clock.class));
        LocalDate runDate = RUN_DATE.date(inv, today);
        boolean dryRun = DRY_RUN.isSet(inv);
        String future = dryRun ? null : tooFarAhead(runDate, today, context.bean(RenewalSettings.class).futureMargin());
        if (future != null) {
            context.err().println("error: " + future);
            return ExitCodes.BAD_USAGE;
        }
        return renew(context, runDate, dryRun);
    }

    /**
     * Why a run date after today is refused, or null when it is not beyond {@code margin}. A run
     * dates and sends real letters and records its notices: a mistyped year (2041 for 2014) would
     * send letters dated then and make the real night's run select almost nothing. The margin
     * (app.renewal.future-margin) allows a run started just before midnight for the next day. A
     * dry run sends and records nothing, and may look at any date; the benchmark runs on a scratch
     * database of its own and is not asked.
     */
    static String tooFarAhead(LocalDate runDate, LocalDate today, java.time.Duration margin) {
        LocalDate latest = today.plusDays(margin.toDays());
        if (!runDate.isAfter(latest)) {
            return null;
        }
        return "the run date " + runDate + " is " + java.time.temporal.ChronoUnit.DAYS.between(today, runDate)
                + " day(s) after today (" + today + "); a renewal run may be at most " + margin.toDays()
                + " day(s) ahead (app.renewal.future-margin). Check --run-date (and the clock); --dry-run shows what"
                + " a later date would select without sending anything";
    }

    /**
     * The console's "Run now": the same path as {@code ./run.sh renewal} and the daemon's schedule,
     * printing what the command prints to {@code out} (the page) instead of stdout.
     */
    public static int renew(org.springframework.context.ApplicationContext application, LocalDate runDate,
            boolean dryRun, java.io.PrintStream out) {
        return renew(CommandContext.inApplication(application, out), runDate, dryRun);
    }

    static int renew(CommandContext context, LocalDate runDate, boolean dryRun) {
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
                .toJobParameters();
        if (dryRun) {
            Long completed = completedExecution(context, params);
            if (completed != null) {
                // its notices are recorded as sent: a dry run would count them as if they were still to go
                context.out().println("Dry run for " + runDate + ": the renewal run for this date already completed"
                        + " (execution " + completed + "); a run for it sends nothing new. Nothing was recorded or sent.");
                printSummary(context, runDate);
                return ExitCodes.COMPLETED;
            }
            NoticePreparation preparation = new NoticePreparation(runDate, context.bean(FullAmountLevels.class),
                    context.bean(DigitalPostLimits.class).on(runDate), context.bean(MessageComposer.class),
                    context.bean(DigitalPostSettings.class).memoTransport() ? context.bean(MemoComposer.class) : null,
                    context.bean(Clock.class), CaseDocumentLimits.of(context.bean(Folders.class),
                            context.bean(CaseDocumentSettings.class)));
            new RenewalDryRun(context.bean(NoticeRepository.class), context.bean(RenewalRule.class), preparation)
                    .run(runDate, context.out());
            return ExitCodes.COMPLETED;
        }
        context.writableOutputDir();
        JobRunner.Outcome outcome = context.jobRunner().start(context.job(RenewalNoticeJobConfiguration.JOB), params);
        if (outcome.execution() != null || outcome.alreadyComplete()) {
            printSummary(context, runDate);
        }
        return outcome.exitCode();
    }

    /** The execution that completed the run for these parameters, if one did. */
    private static Long completedExecution(CommandContext context, JobParameters params) {
        JobRepository repository = context.bean(JobRepository.class);
        JobInstance instance = repository.getJobInstance(RenewalNoticeJobConfiguration.JOB, params);
        if (instance == null) {
            return null;
        }
        return repository.getJobExecutions(instance).stream().filter(e -> e.getStatus() == BatchStatus.COMPLETED)
                .map(JobExecution::getId).findFirst().orElse(null);
    }

    /** What the run date's notices came to, from the records (also after a restart). */
    static void printSummary(CommandContext context, LocalDate runDate) {
        new RenewalSummary(context.bean(JdbcTemplate.class), new RenewalOutputs(context.bean(Folders.class).outputDir()))
                .print(context.out(), runDate);
    }
}
