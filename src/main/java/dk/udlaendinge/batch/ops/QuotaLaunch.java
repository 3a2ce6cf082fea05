package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Path;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.quota.QuotaRequests;
import dk.udlaendinge.batch.quota.model.QuotaInputException;

/**
 * Publishing one revision of a year's quota workbooks, for {@link QuotaCommand} and the
 * demo: the quota package checks the inputs and names the run, and the job is launched
 * through {@link JobRunner} like every other job. So after {@code kill -9} the same
 * command recovers the stale execution and continues it, instead of being refused as
 * "already running".
 */
@Component
public class QuotaLaunch {

    private final JobRunner jobRunner;

    private final QuotaRequests quota;

    private final Job job;

    QuotaLaunch(JobRunner jobRunner, QuotaRequests quota, @Qualifier(QuotaRequests.JOB) Job job) {
        this.jobRunner = jobRunner;
        this.quota = quota;
        this.job = job;
    }

    /**
     * @return {@link ExitCodes#COMPLETED} (also when nothing changed),
     * {@link ExitCodes#BAD_USAGE} for bad input (nothing written),
     * {@link ExitCodes#REFUSED} when a quota run is live, else {@link ExitCodes#FAILED}
     */
    public int run(int year, long nationalFigure, Path statistics, Path agreementsOrNull, PrintStream out,
            PrintStream err) {
        JobRunner runner = jobRunner.printingTo(out);
        QuotaRequests.Request request;
        try {
            request = quota.prepare(year, nationalFigure, statistics, agreementsOrNull);
        }
        catch (QuotaInputException e) {
            err.println("quota: bad input: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        JobRunner.Outcome outcome = runner.start(job, request.parameters());
        if (outcome.alreadyComplete()) {
            quota.reportUnchanged(request, out);
        }
        else if (outcome.execution() != null && outcome.exitCode() == ExitCodes.COMPLETED) {
            quota.reportCompleted(request, outcome.execution(), out);
        }
        else if (outcome.execution() != null) {
            quota.reportUnfinished(request, outcome.execution(), err);
        }
        return outcome.exitCode();
    }

    /**
     * The 2015 demo: each figure still to publish, one after the other (see
     * {@link QuotaRequests#demoFigureToRun}).
     */
    public int runDemo(PrintStream out, PrintStream err) {
        for (long figure : QuotaRequests.DEMO_NATIONAL_FIGURES) {
            if (!quota.demoFigureToRun(figure, out)) {
                continue;
            }
            int rc = run(QuotaRequests.DEMO_YEAR, figure, quota.demoStatistics(), null, out, err);
            if (rc != ExitCodes.COMPLETED) {
                return rc;
            }
        }
        return ExitCodes.COMPLETED;
    }

}
