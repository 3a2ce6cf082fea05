package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.AppProperties;
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
        return renew(context, RUN_DATE.date(inv, LocalDate.now(context.bean(Clock.class))), DRY_RUN.isSet(inv));
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
        AppProperties app = context.settings();
        if (dryRun) {
            NoticePreparation preparation = new NoticePreparation(runDate, context.bean(FullAmountLevels.class),
                    app.digitalPost().limit().toBytes(), context.bean(MessageComposer.class),
                    context.bean(Clock.class));
            new RenewalDryRun(context.bean(NoticeRepository.class), context.bean(RenewalRule.class), preparation)
                    .run(runDate, context.out());
            return ExitCodes.COMPLETED;
        }
        context.writableOutputDir();
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
                .toJobParameters();
        JobRunner.Outcome outcome = context.jobRunner().start(context.job(RenewalNoticeJobConfiguration.JOB), params);
        if (outcome.execution() != null || outcome.alreadyComplete()) {
            printSummary(context, runDate);
        }
        return outcome.exitCode();
    }

    /** What the run date's notices came to, from the records (also after a restart). */
    static void printSummary(CommandContext context, LocalDate runDate) {
        new RenewalSummary(context.bean(JdbcTemplate.class), new RenewalOutputs(context.settings().outputDir()))
                .print(context.out(), runDate);
    }
}
