package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.history.ShownParameter;
import dk.udlaendinge.batch.common.batch.partition.PartitionsInFlight;
import dk.udlaendinge.batch.common.DiskSpace;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * Starts and restarts jobs for the commands: recovers stale executions first, refuses a
 * job that is already running, treats "already completed" as nothing to do, and maps the
 * outcome to an exit code. Prints for operators on stdout; logs go to the log.
 */
public final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobOperator operator;

    private final JobRepository repository;

    private final RunningJobs running;

    private final PrintStream out;

    private final PartitionsInFlight inFlight;

    /**
     * The one bean ({@code OpsConfiguration}); the console's actions use it too, so a
     * restart from there waits for a dead manager's remote partitions ({@code inFlight})
     * as the command line does.
     */
    JobRunner(JobOperator operator, JobRepository repository, RunningJobs running, PartitionsInFlight inFlight,
            PrintStream out) {
        this.operator = operator;
        this.inFlight = inFlight;
        this.repository = repository;
        this.running = running;
        this.out = out;
    }

    /**
     * The same launch path printing to another stream: the console shows what a command
     * would print, on its page ({@code console.ConsoleActions}), rather than on the
     * daemon's stdout.
     */
    public JobRunner printingTo(PrintStream stream) {
        return new JobRunner(operator, repository, running, inFlight, stream);
    }

    /** Outcome of a launch: the exit code and, when a job ran, its execution. */
    public record Outcome(int exitCode, JobExecution execution, boolean alreadyComplete) {
    }

    public Outcome start(Job job, JobParameters parameters) {
        String name = job.getName();
        if (running.isRunning(name)) {
            out.println(name + " is already running in this process; not started again.");
            return new Outcome(ExitCodes.REFUSED, null, false);
        }
        for (JobExecution e : repository.findRunningJobExecutions(name)) {
            JobExecution full = repository.getJobExecution(e.getId());
            if (full != null && running.isStale(full)) {
                log.warn(
                        "Execution {} of {} was left {} by a process that is gone; marking it FAILED so it can be restarted",
                        full.getId(), name, full.getStatus());
                operator.recover(awaitPartitions(full));
            }
            else {
                out.println(name + " is already running (execution " + e.getId() + "); not started twice."
                        + " Wait for it, or stop it with ./run.sh stop " + e.getId());
                return new Outcome(ExitCodes.REFUSED, null, false);
            }
        }
        try {
            JobExecution execution = operator.start(job, parameters);
            return new Outcome(report(execution), execution, false);
        }
        catch (JobInstanceAlreadyCompleteException e) {
            out.println(name + " already completed for " + describe(parameters) + ": nothing new to do.");
            return new Outcome(ExitCodes.COMPLETED, null, true);
        }
        catch (JobExecutionAlreadyRunningException e) {
            out.println(name + " is already running for " + describe(parameters) + "; not started twice.");
            return new Outcome(ExitCodes.REFUSED, null, false);
        }
        catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            return refusedByDatabase(name, parameters, e);
        }
        catch (Exception e) {
            if (instanceCreatedByAnotherLaunch(name, parameters, e)) {
                return refusedByDatabase(name, parameters, e);
            }
            // the job repository's own write failed (at the start, or when recording the
            // end):
            // one line with the innermost cause, the stack in the log file
            log.error("{} could not start or could not record its end", name, UrlMask.maskedCopy(e));
            out.println(name + " could not start or finish: " + UrlMask.mask(rootMessage(e))
                    + fullDataDisk()
                        .map(n -> "; " + n + ", then ./run.sh restart (./run.sh status shows the execution)")
                        .orElse(""));
            return new Outcome(ExitCodes.FAILED, null, false);
        }
    }

    /**
     * Asks every execution of the job running in this process to stop at its next chunk
     * boundary.
     */
    public void stopRunning(String jobName) {
        for (JobExecution e : running.live()) {
            if (e.getJobInstance().getJobName().equals(jobName)) {
                try {
                    operator.stop(e);
                }
                catch (Exception ex) {
                    log.warn("Could not stop execution {}: {}", e.getId(), ex.getMessage());
                }
            }
        }
    }

    /** Restarts a failed, stopped or stale execution where it stopped. */
    public Outcome restart(JobExecution execution) {
        Outcome notLatest = refuseUnlessLatest(execution, "restarted");
        if (notLatest != null) {
            return notLatest;
        }
        if (running.isStale(execution)) {
            out.println("Execution " + execution.getId() + " was left " + execution.getStatus()
                    + " by a process that is gone; recovering it first.");
            execution = operator.recover(awaitPartitions(execution));
        }
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            out.println("Execution " + execution.getId() + " is " + status
                    + "; only FAILED, STOPPED or stale executions" + " can be restarted.");
            return new Outcome(ExitCodes.BAD_USAGE, null, false);
        }
        try {
            out.println("Restarting execution " + execution.getId() + " of " + execution.getJobInstance().getJobName()
                    + " (" + describe(execution.getJobParameters()) + ")");
            JobExecution next = operator.restart(execution);
            return new Outcome(report(next), next, false);
        }
        catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            return refusedByDatabase(execution.getJobInstance().getJobName(), execution.getJobParameters(), e);
        }
        catch (Exception e) {
            out.println("Execution " + execution.getId() + " could not be restarted: " + e.getMessage());
            return new Outcome(ExitCodes.FAILED, null, false);
        }
    }

    /**
     * Only a run's latest execution is restarted or abandoned. Spring Batch restarts the
     * run (job instance), not the execution named: restarting an older execution
     * continued the latest one, so the new execution was reported against the wrong one,
     * and while the latest one ran Spring Batch refused with "Illegal state (only happens
     * on a race condition)". Refused here with a sentence instead: exit 3 while the later
     * execution runs, 2 when it has ended.
     */
    private Outcome refuseUnlessLatest(JobExecution execution, String verb) {
        JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
        if (latest == null || latest.getId() <= execution.getId()) {
            return null;
        }
        JobExecution full = repository.getJobExecution(latest.getId());
        if (full != null && full.getStatus().isRunning() && !running.isStale(full)) {
            out.println("Execution " + execution.getId() + " cannot be " + verb + ": execution " + latest.getId()
                    + " of the same run is running now. Wait for it to end, or stop it with ./run.sh stop "
                    + latest.getId() + ".");
            return new Outcome(ExitCodes.REFUSED, null, false);
        }
        String state = full == null ? "" : full.getStatus() == BatchStatus.COMPLETED ? ", which completed the run"
                : " (" + full.getStatus() + ")";
        out.println("Execution " + execution.getId() + " cannot be " + verb + ": execution " + latest.getId()
                + " of the same run superseded it" + state + "."
                + (full != null && full.getStatus() != BatchStatus.COMPLETED
                        && full.getStatus() != BatchStatus.ABANDONED
                                ? " Act on execution " + latest.getId() + " instead." : ""));
        return new Outcome(ExitCodes.BAD_USAGE, null, false);
    }

    /**
     * Partitions of a dead manager's run that still run on worker nodes end before it is
     * recovered. Returns the execution as the repository holds it after the wait: the
     * workers' commits have moved its partitions' versions meanwhile, and recovering the
     * snapshot from before the wait failed on them with an optimistic locking error
     * (ConsoleRestartWaitsForRemotePartitionsTests).
     */
    private JobExecution awaitPartitions(JobExecution execution) {
        inFlight.awaitEnd(execution, out::println);
        JobExecution now = repository.getJobExecution(execution.getId());
        return now == null ? execution : now;
    }

    /**
     * Abandons an execution that must never be restarted: a failed or stopped one, or a
     * stale one (recovered first). A running execution is refused (stop it first), as is
     * a completed or an already abandoned one. An abandoned run can still be launched
     * again with the same parameters only as a new execution of a new instance, never
     * continued.
     */
    public Outcome abandon(JobExecution execution) {
        Outcome notLatest = refuseUnlessLatest(execution, "abandoned");
        if (notLatest != null) {
            return notLatest;
        }
        if (running.isStale(execution)) {
            out.println("Execution " + execution.getId() + " was left " + execution.getStatus()
                    + " by a process that is gone; recovering it first.");
            execution = operator.recover(execution);
        }
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            out.println(
                    "Execution " + execution.getId() + " is " + status + "; only FAILED, STOPPED or stale executions"
                            + " can be abandoned" + (status.isRunning() ? " (stop it first)." : "."));
            return new Outcome(ExitCodes.BAD_USAGE, null, false);
        }
        try {
            JobExecution abandoned = operator.abandon(execution);
            log.info("Execution {} of {} abandoned", abandoned.getId(), abandoned.getJobInstance().getJobName());
            out.println("Execution " + abandoned.getId() + " of " + abandoned.getJobInstance().getJobName()
                    + " is ABANDONED: it will never be restarted.");
            return new Outcome(ExitCodes.COMPLETED, abandoned, false);
        }
        catch (Exception e) {
            out.println("Execution " + execution.getId() + " could not be abandoned: " + e.getMessage());
            return new Outcome(ExitCodes.FAILED, null, false);
        }
    }

    /**
     * Another process created the same run's instance or execution between Spring Batch's
     * check and its insert: the database's unique keys (JOB_INST_UN, and on PostgreSQL
     * one running execution per instance) refused this one. Nothing was started here.
     */
    private Outcome refusedByDatabase(String name, JobParameters parameters, Exception e) {
        log.info("Launch of {} refused by the database: {}", name, e.getMessage());
        out.println(name + " was started by another process at the same moment for " + describe(parameters)
                + "; not started twice.");
        return new Outcome(ExitCodes.REFUSED, null, false);
    }

    /**
     * Spring Batch creates a run's instance and its first execution in two transactions;
     * a launch that finds the instance between the two fails with "Cannot find any job
     * execution" (or, one step earlier, "JobInstance must not already exist"). Then
     * another process is creating that execution right now: it appears within
     * milliseconds, and this launch was refused. An instance that stays without an
     * execution (a launch that died between the two) is not mistaken for that: after the
     * wait it is reported as a failure.
     */
    private boolean instanceCreatedByAnotherLaunch(String name, JobParameters parameters, Exception e) {
        String message = String.valueOf(e.getMessage());
        // the same race seen one step earlier: the instance appeared between Batch's
        // lookup and its insert
        if (!message.startsWith("Cannot find any job execution for job instance")
                && !message.startsWith("JobInstance must not already exist")) {
            return false;
        }
        JobInstance instance = repository.getJobInstance(name, parameters);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (instance != null && System.nanoTime() < deadline) {
            if (!repository.getJobExecutions(instance).isEmpty()) {
                return true;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private int report(JobExecution execution) {
        out.printf("%s execution %d: %s%n", execution.getJobInstance().getJobName(), execution.getId(),
                execution.getStatus());
        for (StepExecution s : execution.getStepExecutions()) {
            if (s.getStepName().contains(":")) {
                continue; // partitions are summed in their manager step
            }
            out.printf("  %-26s %-9s read %d, written %d, skipped %d%n", s.getStepName(), s.getStatus(),
                    s.getReadCount(), s.getWriteCount(), s.getSkipCount());
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return ExitCodes.COMPLETED;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (Throwable t : execution.getAllFailureExceptions()) {
            reasons.add(rootMessage(t));
        }
        reasons.forEach(r -> out.println("  reason: " + UrlMask.mask(r))); // a driver's
                                                                           // message may
                                                                           // quote a URL
        fullDataDisk().ifPresent(note -> out.println("  " + note));
        out.println("  continue it with: ./run.sh restart " + execution.getId());
        return ExitCodes.FAILED;
    }

    private java.util.Optional<String> fullDataDisk() {
        return DiskSpace.lowNote(running.dataDir(), "app.data-dir");
    }

    /** The innermost message: ours name the thing and never a person. */
    public static String rootMessage(Throwable t) {
        Throwable cause = t;
        String message = t.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The parameters an operator is shown (ShownParameter: the same rule as status and
     * the console).
     */
    static String describe(JobParameters parameters) {
        return String.join(", ",
                parameters.parameters()
                    .stream()
                    .map(p -> ShownParameter.of(p.name(), p.value(), p.identifying()))
                    .filter(java.util.Objects::nonNull)
                    .map(p -> p.name() + "=" + p.value())
                    .toList());
    }

}
