package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.notice.Renewals;

/**
 * A renewal run for a date, or its dry run: the one path of {@code ./run.sh renewal}, the
 * demo, the daemon's schedule and the console's "Run now", launched through
 * {@link JobRunner}.
 */
@Component
public class RenewalLaunch {

    private final Renewals renewals;

    private final JobRunner runner;

    private final Folders app;

    RenewalLaunch(Renewals renewals, JobRunner runner, Folders app) {
        this.renewals = renewals;
        this.runner = runner;
        this.app = app;
    }

    /**
     * @param out where what a command prints goes (stdout, or the console's page)
     * @return the exit code ({@link ExitCodes})
     */
    public int renew(LocalDate runDate, boolean dryRun, PrintStream out) {
        if (dryRun) {
            Optional<Long> completed = renewals.completedExecution(runDate);
            if (completed.isPresent()) {
                // its notices are recorded as sent: a dry run would count them as if they
                // were still to go
                out.println(
                        "Dry run for " + runDate + ": the renewal run for this date already completed" + " (execution "
                                + completed.get() + "); a run for it sends nothing new. Nothing was recorded or sent.");
                renewals.printSummary(runDate, out);
                return ExitCodes.COMPLETED;
            }
            renewals.dryRun(runDate, out);
            return ExitCodes.COMPLETED;
        }
        OutputFolder.writable(app);
        JobRunner.Outcome outcome = runner.printingTo(out).start(renewals.job(), renewals.parameters(runDate));
        if (outcome.execution() != null || outcome.alreadyComplete()) {
            renewals.printSummary(runDate, out);
        }
        return outcome.exitCode();
    }

    /**
     * After a restart: the summary of the run date, when the execution was a renewal run.
     */
    void printSummaryOf(JobRunner.Outcome outcome, PrintStream out) {
        if (outcome.execution() != null) {
            renewals.runDateOf(outcome.execution()).ifPresent(runDate -> renewals.printSummary(runDate, out));
        }
    }

    /** The job's name, for the log. */
    String jobName() {
        return renewals.job().getName();
    }

}
