package dk.udlaendinge.batch.common.batch.partition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.ProcessIdentity;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * Before a run whose manager died is recovered and restarted: its partitions may still be
 * running on worker nodes, which need only the database. Recovering at once would start
 * the same range again beside them, and the chunk in hand could go out twice. So this
 * waits until every partition still marked running has either ended or stopped moving for
 * {@code quiet} (its worker died too). A partition recorded by a process on this host is
 * judged by its pid at once, as the job execution is (a local partition died with its
 * manager).
 */
public final class PartitionsInFlight {

    private final JobRepository repository;

    private final JdbcTemplate jdbc;

    private final String host;

    private final Duration quiet;

    public PartitionsInFlight(JobRepository repository, JdbcTemplate jdbc, String host, Duration quiet) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.host = host;
        this.quiet = quiet;
    }

    public void awaitEnd(JobExecution execution, Consumer<String> report) {
        Map<Long, Long> versions = new HashMap<>();
        Map<Long, Long> movedAt = new HashMap<>();
        boolean reported = false;
        while (true) {
            long now = System.nanoTime();
            boolean waiting = false;
            JobExecution current = repository.getJobExecution(execution.getId());
            for (StepExecution s : current.getStepExecutions()) {
                if (!s.getStepName().contains(":") || !s.getStatus().isRunning()) {
                    continue;
                }
                StepExecution partition = repository.getStepExecution(s.getId());
                if (partition == null || !maybeLive(partition, current)) {
                    continue;
                }
                Long version = jdbc.queryForObject(
                        "SELECT VERSION FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?", Long.class, s.getId());
                if (!version.equals(versions.put(s.getId(), version))) {
                    movedAt.put(s.getId(), now);
                }
                if (now - movedAt.get(s.getId()) <= quiet.toNanos()) {
                    waiting = true;
                    if (!reported) {
                        report.accept("Partition " + s.getStepName() + " of execution " + execution.getId()
                                + " may still run on " + WorkerStamp.describe(partition.getExecutionContext())
                                + "; waiting until it ends or shows no progress for " + quiet.toSeconds() + " s");
                    }
                }
            }
            if (!waiting) {
                return;
            }
            reported = true;
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean maybeLive(StepExecution partition, JobExecution manager) {
        var context = partition.getExecutionContext();
        if (!context.containsKey(WorkerStamp.HOST) || !context.containsKey(WorkerStamp.PID)) {
            return false; // taken by no worker: nothing runs it
        }
        var managerContext = manager.getExecutionContext();
        if (managerContext.containsKey(RunningJobs.HOST) && managerContext.containsKey(RunningJobs.PID)
                && managerContext.getString(RunningJobs.HOST).equals(context.getString(WorkerStamp.HOST))
                && managerContext.getLong(RunningJobs.PID) == context.getLong(WorkerStamp.PID)) {
            // a local partition, run on a thread of the manager: the run is recovered
            // because that
            // process is gone (its pid, or its heartbeat from another host), so the
            // partition is too
            return false;
        }
        if (host.equals(context.getString(WorkerStamp.HOST))) {
            long pid = context.getLong(WorkerStamp.PID);
            return pid != ProcessHandle.current().pid() && ProcessIdentity.isAlive(pid,
                    context.containsKey(WorkerStamp.START) ? context.getString(WorkerStamp.START) : null,
                    context.containsKey(WorkerStamp.BOOT) ? context.getString(WorkerStamp.BOOT) : null);
        }
        return true;
    }

}
