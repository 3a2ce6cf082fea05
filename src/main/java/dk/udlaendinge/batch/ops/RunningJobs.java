package dk.udlaendinge.batch.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The job executions running in this process. Each execution's context records the pid
 * and host that run it, so another process can tell a live execution from a stale one
 * (left STARTED by a process that was killed or a machine that rebooted).
 */
public final class RunningJobs implements JobExecutionListener {

    static final String PID = "process.pid";
    static final String HOST = "process.host";
    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);

    private final Map<Long, JobExecution> live = new ConcurrentHashMap<>();
    private volatile boolean refuseNewStarts;
    private final RunFiles runFiles;
    private final JobRepository repository;

    public RunningJobs(RunFiles runFiles, JobRepository repository) {
        this.runFiles = runFiles;
        this.repository = repository;
    }

    /**
     * SIGTERM has arrived: an execution that starts from now on (a scheduled run whose launch
     * was already under way) stops before its first step instead of running to its end.
     */
    public void refuseNewStarts() {
        refuseNewStarts = true;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if (live.containsKey(execution.getId())) {
            return; // a job that also names this listener itself is told twice
        }
        if (refuseNewStarts) {
            System.err.println("SIGTERM: stopping execution " + execution.getId() + " of "
                    + execution.getJobInstance().getJobName() + " before its first step");
            // the job checks this before each step and ends STOPPED, restartable like any stop
            execution.setStatus(BatchStatus.STOPPING);
        }
        execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
        execution.getExecutionContext().putString(HOST, host());
        // saved now, not at the end of the first step: another process must see who runs it
        repository.updateExecutionContext(execution);
        live.put(execution.getId(), execution);
        runFiles.running(execution.getId(), execution.getJobInstance().getJobName());
    }

    @Override
    public void afterJob(JobExecution execution) {
        live.remove(execution.getId());
    }

    public Collection<JobExecution> live() {
        return List.copyOf(live.values());
    }

    public boolean isRunning(String jobName) {
        return live.values().stream().anyMatch(e -> e.getJobInstance().getJobName().equals(jobName));
    }

    /**
     * Running in no live process: not in this one, and its recorded process is gone (or it
     * never recorded one, which only happens when a process died at the very start).
     */
    public boolean isStale(JobExecution execution) {
        BatchStatus s = execution.getStatus();
        if (!(s == BatchStatus.STARTING || s == BatchStatus.STARTED || s == BatchStatus.STOPPING)) {
            return false;
        }
        if (live.containsKey(execution.getId())) {
            return false;
        }
        var context = execution.getExecutionContext();
        if (!context.containsKey(PID)) {
            return true;
        }
        long pid = context.getLong(PID);
        String host = context.getString(HOST, "");
        if (!host.equals(host())) {
            log.warn("Execution {} was started on host {}; it is treated as live", execution.getId(), host);
            return false;
        }
        return pid != ProcessHandle.current().pid()
                && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
