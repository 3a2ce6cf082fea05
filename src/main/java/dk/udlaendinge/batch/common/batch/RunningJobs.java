package dk.udlaendinge.batch.common.batch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job executions running in this process. Each execution's context records the pid
 * and host that run it and a heartbeat, renewed every few seconds while it runs, so that
 * any process sharing the database can tell a live execution from a stale one (left
 * STARTED by a process that was killed or a machine that died). A heartbeat older than
 * {@code app.liveness.stale-after} makes it stale whatever its pid says; before that, on
 * the same host, the process decides at once: its pid, with the moment it started and the
 * boot it started in ({@link ProcessIdentity}), for a pid alone is handed to the next
 * process (a container's job always runs as pid 1). The heartbeat is the database's
 * clock, not the host's, so hosts whose clocks differ still agree on its age. The context
 * holds only time, pid, start, boot and host.
 */
public final class RunningJobs implements JobExecutionListener, DisposableBean {

    public static final String PID = "process.pid";

    public static final String HOST = "process.host";

    /**
     * When the process started ({@link ProcessIdentity#start()}), so that a reused pid is
     * not taken for it.
     */
    public static final String START = "process.start";

    /** The boot the process started in ({@link ProcessIdentity#boot()}). */
    public static final String BOOT = "process.boot";

    /** Database time (epoch milliseconds) of the latest heartbeat. */
    static final String HEARTBEAT = "process.heartbeat";

    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);

    private final Map<Long, JobExecution> live = new ConcurrentHashMap<>();

    private volatile boolean refuseNewStarts;

    private final RunFiles runFiles;

    private final JobRepository repository;

    private final JdbcTemplate jdbc;

    private final LivenessSettings liveness;

    private final ScheduledExecutorService heartbeat;

    public RunningJobs(RunFiles runFiles, JobRepository repository, JdbcTemplate jdbc, LivenessSettings liveness) {
        this.runFiles = runFiles;
        this.repository = repository;
        this.jdbc = jdbc;
        this.liveness = liveness;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = liveness.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The data folder ({@code app.data-dir}) of this process: its database, run files and
     * log.
     */
    public java.nio.file.Path dataDir() {
        return runFiles.dataDir();
    }

    /**
     * SIGTERM has arrived: an execution that starts from now on (a scheduled run whose
     * launch was already under way) stops before its first step instead of running to its
     * end.
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
            // the job checks this before each step and ends STOPPED, restartable like any
            // stop
            execution.setStatus(BatchStatus.STOPPING);
        }
        ProcessIdentity me = ProcessIdentity.current();
        execution.getExecutionContext().putLong(PID, me.pid());
        if (me.start() != null) {
            execution.getExecutionContext().putString(START, me.start());
        }
        if (me.boot() != null) {
            execution.getExecutionContext().putString(BOOT, me.boot());
        }
        execution.getExecutionContext().putString(HOST, liveness.host());
        execution.getExecutionContext().putLong(HEARTBEAT, databaseNow());
        // saved now, not at the end of the first step: another process must see who runs
        // it
        repository.updateExecutionContext(execution);
        live.put(execution.getId(), execution);
        runFiles.running(execution.getId(), execution.getJobInstance().getJobName());
    }

    @Override
    public void afterJob(JobExecution execution) {
        live.remove(execution.getId());
        // the run file names an execution only while it runs (stop finds the process by
        // it)
        JobExecution next = live.values().stream().findFirst().orElse(null);
        runFiles.ended(execution.getId(), next == null ? null : next.getId(),
                next == null ? null : next.getJobInstance().getJobName());
    }

    /**
     * Renews the heartbeat of every execution running here; a failed beat is retried on
     * the next.
     */
    private void beat() {
        for (JobExecution execution : live.values()) {
            try {
                execution.getExecutionContext().putLong(HEARTBEAT, databaseNow());
                repository.updateExecutionContext(execution);
            }
            catch (RuntimeException e) {
                log.warn("Heartbeat of execution {} not recorded: {}", execution.getId(), e.getMessage());
            }
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    public Collection<JobExecution> live() {
        return List.copyOf(live.values());
    }

    public boolean isRunning(String jobName) {
        return live.values().stream().anyMatch(e -> e.getJobInstance().getJobName().equals(jobName));
    }

    /**
     * Running in no live process: not in this one, and its heartbeat is older than the
     * stale-after time (whatever its pid says), or on the same host its recorded process
     * is gone (no process with that pid, start and boot), or it never recorded a process
     * and was created longer than the stale-after time ago (a process that died at the
     * very start; see {@link #unclaimedTooLong}).
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
            return unclaimedTooLong(execution.getCreateTime(), LocalDateTime.now(), liveness.staleAfter());
        }
        long pid = context.getLong(PID);
        String host = context.getString(HOST, "");
        Duration age = context.containsKey(HEARTBEAT) ? Duration.ofMillis(databaseNow() - context.getLong(HEARTBEAT))
                : null;
        if (age != null && age.compareTo(liveness.staleAfter()) > 0) {
            // a live process beats every few seconds: one that has not for so long is
            // gone, or
            // its pid was handed to another process after a kill or a reboot
            return true;
        }
        if (host.equals(liveness.host())) {
            return !ProcessIdentity.isAlive(pid, context.containsKey(START) ? context.getString(START) : null,
                    context.containsKey(BOOT) ? context.getString(BOOT) : null);
        }
        if (age == null) {
            // recorded by a version without heartbeats: nothing tells it is gone
            log.warn("Execution {} was started on host {} and has no heartbeat; it is treated as live",
                    execution.getId(), host);
            return false;
        }
        log.info("Execution {} runs on host {} (heartbeat {} s ago)", execution.getId(), host, age.toSeconds());
        return false;
    }

    /**
     * An execution without a recorded process: stale only once it is older than
     * {@code staleAfter}. The launching process creates the execution (STARTING) a moment
     * before {@link #beforeJob} records its pid; a second launch that looked in between
     * took the live run for dead, marked it FAILED and started the job beside it (seen
     * under load in {@code OverlapOnPostgresTests}). The create time is the launching
     * host's clock, as the job repository stores it; a skew between hosts only moves the
     * moment by as much.
     */
    static boolean unclaimedTooLong(LocalDateTime created, LocalDateTime now, Duration staleAfter) {
        return created == null || Duration.between(created, now).compareTo(staleAfter) > 0;
    }

    private long databaseNow() {
        Timestamp now = jdbc.queryForObject("VALUES (CURRENT_TIMESTAMP)", Timestamp.class);
        return now == null ? System.currentTimeMillis() : now.getTime();
    }

}
