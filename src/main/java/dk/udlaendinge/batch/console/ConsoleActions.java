package dk.udlaendinge.batch.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.ops.JobRunner;
import dk.udlaendinge.batch.ops.Stopper;

/**
 * Restart, stop and abandon from the console, through the same code as {@code ./run.sh restart}
 * and {@code stop} ({@link JobRunner}, {@link Stopper}), so the same refusals apply; what that
 * code says is what the page shows. A restart runs the job on a thread of its own, since a run
 * takes longer than a web request: the action waits only until the run has either ended (a
 * refusal, a failure, a short run) or visibly started as a new execution. Every action is audited.
 */
class ConsoleActions implements DisposableBean {

    /** What an action did: the text the shared code printed, and the execution to show next. */
    record Result(boolean ok, String message, long executionId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);
    private static final Duration WAIT_FOR_START = Duration.ofSeconds(30);

    private final JobOperator operator;
    private final JobRepository repository;
    private final RunningJobs running;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Path dataDir;
    private final ExecutorService runs = Executors.newCachedThreadPool(r -> new Thread(r, "console-restart"));

    ConsoleActions(JobOperator operator, JobRepository repository, RunningJobs running, JdbcTemplate jdbc, AuditLog audit,
            Path dataDir) {
        this.operator = operator;
        this.repository = repository;
        this.running = running;
        this.jdbc = jdbc;
        this.audit = audit;
        this.dataDir = dataDir;
    }

    Result restart(long id, String user) {
        JobExecution execution = repository.getJobExecution(id);
        Output out = new Output();
        JobRunner runner = new JobRunner(operator, repository, running, out.stream);
        Future<JobRunner.Outcome> outcome = runs.submit(() -> runner.restart(execution));
        long deadline = System.nanoTime() + WAIT_FOR_START.toNanos();
        Long next = null;
        while (!outcome.isDone() && System.nanoTime() < deadline && (next = newerExecution(execution)) == null) {
            sleep();
        }
        Result result;
        if (outcome.isDone()) {
            JobRunner.Outcome o = join(outcome);
            long shown = o == null || o.execution() == null ? id : o.execution().getId();
            result = new Result(o != null && o.exitCode() == 0, out.text(), shown);
        } else if (next != null) {
            result = new Result(true, out.text() + "Running as execution " + next + ".", next);
        } else {
            result = new Result(true, out.text() + "The restart is under way; the list of executions shows it.", id);
        }
        audit.record(user, "RESTART", id, result.message());
        return result;
    }

    Result stop(long id, String user) {
        Output out = new Output();
        int code = Stopper.stop(id, dataDir, running, operator, out.stream);
        Result result = new Result(code == 0, out.text(), id);
        audit.record(user, "STOP", id, result.message());
        return result;
    }

    Result abandon(long id, String user) {
        JobExecution execution = repository.getJobExecution(id);
        Output out = new Output();
        JobRunner.Outcome o = new JobRunner(operator, repository, running, out.stream).abandon(execution);
        Result result = new Result(o.exitCode() == 0, out.text(), id);
        audit.record(user, "ABANDON", id, result.message());
        return result;
    }

    private Long newerExecution(JobExecution execution) {
        return jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?"
                + " AND JOB_EXECUTION_ID > ?", Long.class, execution.getJobInstance().getInstanceId(), execution.getId());
    }

    private static JobRunner.Outcome join(Future<JobRunner.Outcome> f) {
        try {
            return f.get();
        } catch (Exception e) {
            log.warn("Console restart failed: {}", e.getMessage());
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // SIGTERM has asked a restarted run to stop at its next chunk boundary: let it end STOPPED
        runs.shutdown();
        if (!runs.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
            log.warn("A run restarted from the console did not stop within 5 minutes; ./run.sh status will show it");
        }
    }

    /** What the shared code prints, kept for the page (it writes to the command's stdout otherwise). */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        synchronized String text() {
            return ConsoleText.safe(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
