package dk.udlaendinge.batch.common.batch.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * The job history as {@code ./run.sh status}, the console, the monitoring and the
 * benchmark read it: the one class that reads Spring Batch's tables to report on them
 * (docs/ARCHITECTURE.md). The executions come as {@link JobRun} with the stale and
 * superseded facts and the shown parameters decided here; the steps and partitions as
 * {@link StepRun}. The SQL runs on HSQLDB and PostgreSQL alike. A job's own processing
 * (the partition handler's polling, the heartbeat of RunningJobs) keeps its queries where
 * it runs.
 */
public class JobHistory {

    /**
     * Which executions a page lists; null means any. {@code from} and {@code to} are
     * creation days.
     */
    public record Filter(String job, String status, LocalDate from, LocalDate to) {
    }

    private static final String SELECT = "SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS,"
            + " e.CREATE_TIME, e.START_TIME, e.END_TIME, e.EXIT_CODE, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e"
            + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    private static final String STEPS = "SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT,"
            + " READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT, FILTER_COUNT, COMMIT_COUNT, ROLLBACK_COUNT,"
            + " START_TIME, END_TIME, LAST_UPDATED, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION";

    private record Raw(long id, long instance, String job, String status, LocalDateTime created, LocalDateTime start,
            LocalDateTime end, String exitCode, String exitMessage) {
    }

    private final JdbcTemplate jdbc;

    private final JobRepository repository;

    private final RunningJobs running;

    public JobHistory(JdbcTemplate jdbc, JobRepository repository, RunningJobs running) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.running = running;
    }

    /** The newest executions of every job, newest first. */
    public List<JobRun> newest(int limit) {
        return runs(SELECT + " ORDER BY e.JOB_EXECUTION_ID DESC" + first(limit));
    }

    /** The newest execution of a job, of any status when {@code status} is null. */
    public Optional<JobRun> newest(String job, String status) {
        return status == null
                ? runs(SELECT + " WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID DESC" + first(1), job).stream()
                    .findFirst()
                : runs(SELECT + " WHERE i.JOB_NAME = ? AND e.STATUS = ? ORDER BY e.JOB_EXECUTION_ID DESC" + first(1),
                        job, status)
                    .stream()
                    .findFirst();
    }

    public Optional<JobRun> execution(long id) {
        return runs(SELECT + " WHERE e.JOB_EXECUTION_ID = ?", id).stream().findFirst();
    }

    /** The id of the newest execution of a job, or null if it never ran. */
    public Long newestId(String job) {
        return jdbc.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", Long.class, job);
    }

    /**
     * The id of the newest execution of a run (job instance), or null if there is none.
     */
    public Long newestIdOfRun(long instance) {
        return jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?",
                Long.class, instance);
    }

    /**
     * Whether there is an execution of this id (the repository answers an unknown one
     * with an error).
     */
    public boolean exists(long id) {
        return exists(jdbc, id);
    }

    /**
     * {@link #exists(long)} before the application has started: only a database
     * connection is at hand.
     */
    public static boolean exists(JdbcTemplate jdbc, long id) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                Integer.class, id);
        return n != null && n > 0;
    }

    /** Every execution of one run (job instance), newest first. */
    public List<JobRun> ofRun(long instance) {
        return runs(SELECT + " WHERE e.JOB_INSTANCE_ID = ? ORDER BY e.JOB_EXECUTION_ID DESC", instance);
    }

    /**
     * Executions marked running, failed or stopped, newest first: those that may need
     * someone.
     */
    public List<JobRun> unfinished(int limit) {
        return runs(SELECT + " WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'FAILED', 'STOPPED')"
                + " ORDER BY e.JOB_EXECUTION_ID DESC" + first(limit));
    }

    public long count(Filter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID" + where, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /**
     * One page of the executions the filter selects: a run's executions together, runs by
     * their newest, newest first.
     */
    public List<JobRun> page(Filter filter, int offset, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return runs(SELECT + where + " ORDER BY (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x"
                + " WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID) DESC, e.JOB_EXECUTION_ID DESC OFFSET "
                + Math.max(0, offset) + " ROWS" + first(size), args.toArray());
    }

    /** The end of the job's newest completed execution, or null if it never completed. */
    public LocalDateTime lastCompleted(String job) {
        return time(jdbc.queryForObject("SELECT MAX(e.END_TIME) FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'", Timestamp.class, job));
    }

    /** An execution's steps and partitions in the order they were created. */
    public List<StepRun> steps(long executionId) {
        return jdbc.query(STEPS + " WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID", (rs, i) -> step(rs),
                executionId);
    }

    /**
     * The partitions of one partitioned step (by its worker step's name) of an execution.
     */
    public List<StepRun> partitions(long executionId, String workerStep) {
        return steps(executionId).stream()
            .filter(s -> s.isPartition() && s.partition().workerStep().equals(workerStep))
            .toList();
    }

    /**
     * A step's execution context (the partitioner's keys, a worker's stamp, a progress
     * total); empty if gone.
     */
    public ExecutionContext context(long stepExecutionId) {
        StepExecution s = repository.getStepExecution(stepExecutionId);
        return s == null ? new ExecutionContext() : s.getExecutionContext();
    }

    /**
     * What earlier executions of the same run read in a step of this name (0 on a first
     * run).
     */
    public long readBefore(long instance, String step, long executionId) {
        Long n = jdbc.queryForObject("SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e"
                + " ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ?"
                + " AND e.JOB_EXECUTION_ID < ?", Long.class, instance, step, executionId);
        return n == null ? 0 : n;
    }

    private List<JobRun> runs(String sql, Object... args) {
        return jdbc.query(sql, (rs, i) -> raw(rs), args).stream().map(this::run).toList();
    }

    private JobRun run(Raw r) {
        boolean markedRunning = r.status().equals("STARTING") || r.status().equals("STARTED")
                || r.status().equals("STOPPING");
        boolean stale = false;
        if (markedRunning) {
            JobExecution full = repository.getJobExecution(r.id());
            stale = full != null && running.isStale(full);
        }
        Long completedBy = r.status().equals("FAILED") || r.status().equals("STOPPED")
                ? jdbc.queryForObject(
                        "SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?"
                                + " AND STATUS = 'COMPLETED' AND JOB_EXECUTION_ID > ?",
                        Long.class, r.instance(), r.id())
                : null;
        Long latest = newestIdOfRun(r.instance());
        return new JobRun(r.id(), r.instance(), r.job(), r.status(), r.created(), r.start(), r.end(), r.exitCode(),
                r.exitMessage(), stale, completedBy, latest == null ? r.id() : latest, shown(r.id()));
    }

    /** The parameters shown, by name (ShownParameter decides which). */
    private List<ShownParameter> shown(long executionId) {
        return jdbc
            .query("SELECT PARAMETER_NAME, PARAMETER_VALUE, IDENTIFYING FROM BATCH_JOB_EXECUTION_PARAMS"
                    + " WHERE JOB_EXECUTION_ID = ?",
                    (rs, i) -> ShownParameter.of(rs.getString(1), rs.getString(2), "Y".equals(rs.getString(3))),
                    executionId)
            .stream()
            .filter(Objects::nonNull)
            .sorted(Comparator.comparing(ShownParameter::name))
            .toList();
    }

    private static String where(Filter filter, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.job() != null) {
            where.append(" AND i.JOB_NAME = ?");
            args.add(filter.job());
        }
        if (filter.status() != null) {
            where.append(" AND e.STATUS = ?");
            args.add(filter.status());
        }
        if (filter.from() != null) {
            where.append(" AND e.CREATE_TIME >= ?");
            args.add(Timestamp.valueOf(filter.from().atStartOfDay()));
        }
        if (filter.to() != null) {
            where.append(" AND e.CREATE_TIME < ?");
            args.add(Timestamp.valueOf(filter.to().plusDays(1).atStartOfDay()));
        }
        return where.toString();
    }

    private static String first(int limit) {
        return " FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY";
    }

    private static Raw raw(ResultSet rs) throws SQLException {
        return new Raw(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), time(rs.getTimestamp(5)),
                time(rs.getTimestamp(6)), time(rs.getTimestamp(7)), rs.getString(8), rs.getString(9));
    }

    private static StepRun step(ResultSet rs) throws SQLException {
        String name = rs.getString(2);
        return new StepRun(rs.getLong(1), name, rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), time(rs.getTimestamp(10)), time(rs.getTimestamp(11)),
                time(rs.getTimestamp(12)), rs.getString(13), PartitionRun.of(name));
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

}
