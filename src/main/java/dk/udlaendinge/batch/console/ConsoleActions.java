package dk.udlaendinge.batch.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.JobRunner;
import dk.udlaendinge.batch.ops.RenewalLaunch;
import dk.udlaendinge.batch.ops.Stopper;

/**
 * Restart, stop, abandon and "Run now" from the console, through the same code as
 * {@code ./run.sh restart}, {@code stop} and {@code renewal} and the daemon's schedule
 * (the {@link JobRunner} bean, {@link Stopper}, the {@link RenewalLaunch} bean), so the
 * same refusals apply; what that code says is what the page shows. A run takes longer
 * than a web request, so it runs on a thread of its own: the action waits only until the
 * run has either ended (a refusal, a failure, a short run) or visibly started as a new
 * execution, and names that execution: the one created after the action began, never an
 * older one of the same run. Every action is audited with what really came of it ("Done:"
 * or "Refused:").
 */
class ConsoleActions implements DisposableBean {

    /** No execution (a dry run, a refused launch); execution ids start at 0 on HSQLDB. */
    static final long NONE = -1;

    /**
     * What an action did: the text the shared code printed, and the execution to show
     * next ({@link #NONE}: none).
     */
    record Result(boolean ok, String message, long executionId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    private static final Duration WAIT_FOR_START = Duration.ofSeconds(30);

    private final JobOperator operator;

    private final JobRepository repository;

    private final RunningJobs running;

    private final JobRunner jobRunner;

    private final RenewalLaunch renewals;

    private final JobHistory history;

    private final AuditLog audit;

    private final Path dataDir;

    private final ExecutorService runs = Executors.newCachedThreadPool(r -> new Thread(r, "console-run"));

    ConsoleActions(JobOperator operator, JobRepository repository, RunningJobs running, JobRunner jobRunner,
            RenewalLaunch renewals, JobHistory history, AuditLog audit, Path dataDir) {
        this.operator = operator;
        this.repository = repository;
        this.running = running;
        this.jobRunner = jobRunner;
        this.renewals = renewals;
        this.history = history;
        this.audit = audit;
        this.dataDir = dataDir;
    }

    Result restart(long id, String user) {
        JobExecution execution = repository.getJobExecution(id);
        long instance = execution.getJobInstance().getInstanceId();
        LongSupplier newest = () -> orNone(history.newestIdOfRun(instance));
        long before = newest.getAsLong();
        Output out = new Output();
        JobRunner runner = jobRunner.printingTo(out.stream);
        Result result = launch(() -> runner.restart(execution), out, newest, before, id);
        audit.record(user, "RESTART", id, audited(result));
        return result;
    }

    /**
     * A renewal for a date, or its dry run, as
     * {@code ./run.sh renewal --run-date D [--dry-run]} and the schedule start it. A dry
     * run records and sends nothing; its report is the result.
     */
    Result runNow(LocalDate runDate, boolean dryRun, String user) {
        LongSupplier newest = () -> orNone(history.newestId(RenewalNoticeJobConfiguration.JOB));
        long before = newest.getAsLong();
        Output out = new Output();
        Callable<JobRunner.Outcome> run = () -> {
            try {
                int code = renewals.renew(runDate, dryRun, out.stream);
                return new JobRunner.Outcome(code, null, false);
            }
            catch (BadInputException e) {
                out.stream.println(e.getMessage());
                return new JobRunner.Outcome(ExitCodes.BAD_USAGE, null, false);
            }
        };
        Result result = dryRun ? finished(runs.submit(run), out, NONE) : launch(run, out, newest, before, NONE);
        audit.record(user, dryRun ? "DRY RUN" : "RUN NOW", result.executionId(),
                audited(result).replaceFirst(": ", ": renewal for " + runDate + (dryRun ? " (dry run)" : "") + ": "));
        return result;
    }

    Result stop(long id, String user) {
        Output out = new Output();
        int code = Stopper.stop(id, dataDir, running, operator, out.stream);
        Result result = new Result(code == 0, plain(out.text()), id);
        audit.record(user, "STOP", id, audited(result));
        return result;
    }

    Result abandon(long id, String user) {
        JobExecution execution = repository.getJobExecution(id);
        Output out = new Output();
        JobRunner.Outcome o = jobRunner.printingTo(out.stream).abandon(execution);
        Result result = new Result(o.exitCode() == 0, plain(out.text()), id);
        audit.record(user, "ABANDON", id, audited(result));
        return result;
    }

    /**
     * Runs {@code run} on its own thread and waits until it ends or a new execution (one
     * after {@code before}, as {@code newest} tells) appears: that one is the execution
     * it started.
     */
    private Result launch(Callable<JobRunner.Outcome> run, Output out, LongSupplier newest, long before,
            long fallback) {
        Future<JobRunner.Outcome> outcome = runs.submit(run);
        long deadline = System.nanoTime() + WAIT_FOR_START.toNanos();
        long started = NONE;
        while (!outcome.isDone() && System.nanoTime() < deadline && (started = after(newest, before)) == NONE) {
            sleep();
        }
        if (outcome.isDone()) {
            return finished(outcome, out, Math.max(fallback, after(newest, before)));
        }
        if (started != NONE) {
            return new Result(true, plain(out.text()) + "Running as execution " + started + ".", started);
        }
        return new Result(true, plain(out.text()) + "The run is under way; the list of executions shows it.", fallback);
    }

    private Result finished(Future<JobRunner.Outcome> outcome, Output out, long fallback) {
        JobRunner.Outcome o = join(outcome);
        long shown = o != null && o.execution() != null ? o.execution().getId() : fallback;
        String text = plain(out.text());
        return new Result(o != null && o.exitCode() == ExitCodes.COMPLETED,
                text.isBlank() ? "It could not be done; the log (APP_DATA_DIR/logs) says why." : text, shown);
    }

    /** The newest execution if it came after {@code before}; NONE if none did. */
    private static long after(LongSupplier newest, long before) {
        long id = newest.getAsLong();
        return id > before ? id : NONE;
    }

    private static long orNone(Long id) {
        return id == null ? NONE : id;
    }

    private static String audited(Result result) {
        return (result.ok() ? "Done: " : "Refused or failed: ") + result.message().strip();
    }

    /**
     * What the shared code printed, without Spring Batch's own words: a line that quotes
     * an exception from the framework ("Illegal state (only happens on a race condition):
     * …") says in a sentence what happened; the framework's text goes to the log.
     */
    static String plain(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            int at = Math.max(line.indexOf(" could not be "), line.indexOf(" could not start"));
            int colon = at < 0 ? -1 : line.indexOf(": ", at);
            if (colon > 0 && (line.contains("Illegal state") || line.contains("JobExecution")
                    || line.contains("job instance") || line.contains("Exception"))) {
                log.warn("Console action: {}", line);
                line = line.substring(0, colon) + ": Spring Batch refused it, most likely because another execution"
                        + " of the same run started at the same moment. The executions list shows what runs now;"
                        + " the log (APP_DATA_DIR/logs) has Spring Batch's words.";
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static JobRunner.Outcome join(Future<JobRunner.Outcome> f) {
        try {
            return f.get();
        }
        catch (Exception e) {
            log.warn("Console action failed: {}", e.getMessage());
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // SIGTERM has asked a run started here to stop at its next chunk boundary: let it
        // end STOPPED
        runs.shutdown();
        if (!runs.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
            log.warn("A run started from the console did not stop within 5 minutes; ./run.sh status will show it");
        }
    }

    /**
     * What the shared code prints, kept for the page (it writes to the command's stdout
     * otherwise).
     */
    private static final class Output {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        synchronized String text() {
            return ConsoleText.safe(bytes.toString(StandardCharsets.UTF_8));
        }

    }

}
