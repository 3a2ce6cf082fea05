package dk.udlaendinge.batch.console;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.LivenessSettings;
import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.ops.StatusReport;

/**
 * What the pages show about executions, read from the job repository: the same tables
 * {@code ./run.sh status} reads, on HSQLDB and PostgreSQL alike. Every text that could hold
 * anything a job wrote passes {@link ConsoleText#safe}.
 */
class Executions {

    static final List<String> JOBS = List.of("renewalNoticeJob", "quotaWorkbookJob", "registryImportJob");
    static final List<String> STATUSES = List.of("STARTED", "STOPPING", "COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    static final int PAGE_SIZE = 20;

    /**
     * One execution as the pages show it.
     *
     * @param latestOfRun the newest execution of the same run (job instance): only that one is acted on
     * @param completedBy the later execution of the same run that completed it, or null
     * @param reason      why it failed, in the words {@code ./run.sh status} uses; or who stopped it
     * @param stopping    asked to stop, and a partition of it still runs
     */
    record Row(long id, long instanceId, String job, String run, String batchStatus, Status status, String start,
            String end, String duration, boolean running, boolean stale, String exitCode, String exitMessage,
            long latestOfRun, Long completedBy, String reason, boolean stopping) {

        public boolean latest() {
            return id == latestOfRun;
        }

        /** Restart and Abandon are offered only on a run's latest execution, and never while it stops. */
        public boolean actionable() {
            return latest() && !stopping && status.restartable();
        }

        /** Stop is offered while it runs and has not been asked to stop yet. */
        public boolean stoppable() {
            return running && !stopping && !batchStatus.equals("STOPPING");
        }
    }

    record Step(String name, boolean partition, Status status, long read, long written, long skipped, long filtered,
            long commits, long rollbacks, String start, String end, String duration, String exitMessage) {
    }

    record Filter(String job, String status, LocalDate from, LocalDate to) {
    }

    record Page(List<Row> rows, int page, int pages, long total) {
    }

    private static final String SELECT = "SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS, e.START_TIME,"
            + " e.END_TIME, e.EXIT_CODE, e.EXIT_MESSAGE, e.CREATE_TIME FROM BATCH_JOB_EXECUTION e"
            + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    private record Raw(long id, long instance, String job, String status, LocalDateTime start, LocalDateTime end,
            String exitCode, String exitMessage, LocalDateTime created) {
    }

    private final JdbcTemplate jdbc;
    private final JobRepository repository;
    private final RunningJobs running;
    private final ConsoleText text;
    private final AuditLog audit;
    private final WorkerStamp workers;
    private final LivenessSettings liveness;

    Executions(JdbcTemplate jdbc, JobRepository repository, RunningJobs running, ConsoleText text, AuditLog audit,
            WorkerStamp workers, LivenessSettings liveness) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.running = running;
        this.text = text;
        this.audit = audit;
        this.workers = workers;
        this.liveness = liveness;
    }

    Page page(Filter filter, int page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
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
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID" + where, Long.class, args.toArray());
        long count = total == null ? 0 : total;
        int pages = (int) Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        // the executions of one run (job instance) together, runs by their latest execution, newest first
        List<Row> rows = jdbc.query(SELECT + where + " ORDER BY (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x"
                + " WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID) DESC, e.JOB_EXECUTION_ID DESC LIMIT " + PAGE_SIZE
                + " OFFSET " + (current - 1) * PAGE_SIZE, (rs, i) -> raw(rs), args.toArray()).stream().map(this::row)
                .toList();
        return new Page(rows, current, pages, count);
    }

    Optional<Row> one(long id) {
        return jdbc.query(SELECT + " WHERE e.JOB_EXECUTION_ID = ?", (rs, i) -> raw(rs), id).stream().findFirst()
                .map(this::row);
    }

    Optional<Row> latest(String job, String status) {
        return jdbc.query(SELECT + " WHERE i.JOB_NAME = ?" + (status == null ? "" : " AND e.STATUS = '" + status + "'")
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1", (rs, i) -> raw(rs), job).stream().findFirst()
                .map(this::row);
    }

    /** Executions that need someone: running, stale, or failed/stopped and not yet completed by a later one. */
    List<Row> needingAttention() {
        return jdbc.query(SELECT + " WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'FAILED', 'STOPPED')"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 50", (rs, i) -> raw(rs)).stream().map(this::row)
                .filter(r -> r.running() || r.stopping() || r.latest() && r.status().restartable()).toList();
    }

    /** Every execution of one run (job instance), newest first. */
    List<Row> ofRun(long instance) {
        return jdbc.query(SELECT + " WHERE e.JOB_INSTANCE_ID = ? ORDER BY e.JOB_EXECUTION_ID DESC", (rs, i) -> raw(rs),
                instance).stream().map(this::row).toList();
    }

    List<Step> steps(long id) {
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null) {
            return List.of();
        }
        return execution.getStepExecutions().stream()
                .sorted(java.util.Comparator.comparingLong(StepExecution::getId))
                .map(s -> new Step(s.getStepName(), s.getStepName().contains(":"),
                        Status.of(s.getStatus().name(), false, null), s.getReadCount(), s.getWriteCount(),
                        s.getSkipCount(), s.getFilterCount(), s.getCommitCount(), s.getRollbackCount(),
                        text.time(s.getStartTime()), text.time(s.getEndTime()),
                        ConsoleText.duration(s.getStartTime(), s.getEndTime() != null ? s.getEndTime()
                                : s.getStatus().isRunning() ? null : s.getLastUpdated()),
                        ConsoleText.safe(s.getExitStatus().getExitDescription())))
                .toList();
    }

    /** Every parameter, identifying or not: ours hold dates, years, file paths and hashes, never a person. */
    List<String[]> parameters(long id) {
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null) {
            return List.of();
        }
        return execution.getJobParameters().parameters().stream()
                .map(p -> new String[] {p.name(), ConsoleText.safe(String.valueOf(p.value())),
                        p.identifying() ? "identifies the run" : ""})
                .toList();
    }

    /** The live progress of each step that runs now (and the sum over a partitioned step's partitions). */
    Progress progress(long id) {
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null) {
            return Progress.none();
        }
        List<Progress.Part> parts = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution s : execution.getStepExecutions()) {
            if (s.getStatus() != BatchStatus.STARTED && s.getStatus() != BatchStatus.STARTING
                    && s.getStatus() != BatchStatus.STOPPING) {
                continue;
            }
            long total = s.getExecutionContext().containsKey(ProgressLogger.TOTAL)
                    ? s.getExecutionContext().getLong(ProgressLogger.TOTAL) : -1;
            if (total > 0) {
                // a restarted partition keeps the whole range's estimate from the first split, but
                // counts only what it does itself: the total is what was left to do
                total = Math.max(s.getReadCount(), total - readBefore(execution, s.getStepName()));
            }
            parts.add(new Progress.Part(s.getStepName(), s.getReadCount(), total,
                    java.time.Duration.between(s.getStartTime() == null ? now : s.getStartTime(), now)));
        }
        // a partitioned step's manager counts nothing until its partitions end: its partitions speak for it
        boolean partitioned = parts.stream().anyMatch(p -> p.step().contains(":"));
        parts.removeIf(p -> partitioned && !p.step().contains(":") && p.total() < 0);
        Row row = one(id).orElseThrow();
        return Progress.of(row.status(), row.running(), parts);
    }

    /** What earlier executions of the same run read in a step of this name (0 on a first run). */
    private long readBefore(JobExecution execution, String step) {
        Long n = jdbc.queryForObject("SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e"
                + " ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ?"
                + " AND e.JOB_EXECUTION_ID < ?", Long.class, execution.getJobInstance().getInstanceId(), step,
                execution.getId());
        return n == null ? 0 : n;
    }

    Long completedBy(long id, long instance) {
        return jdbc.queryForObject("SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?"
                + " AND STATUS = 'COMPLETED' AND JOB_EXECUTION_ID > ?", Long.class, instance, id);
    }

    private Raw raw(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Raw(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), time(rs.getTimestamp(5)),
                time(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), time(rs.getTimestamp(9)));
    }

    private Row row(Raw r) {
        boolean runningStatus = r.status().equals("STARTING") || r.status().equals("STARTED")
                || r.status().equals("STOPPING");
        boolean stale = false;
        if (runningStatus) {
            JobExecution full = repository.getJobExecution(r.id());
            stale = full != null && running.isStale(full);
        }
        boolean ended = r.status().equals("FAILED") || r.status().equals("STOPPED");
        Long supersededBy = ended ? completedBy(r.id(), r.instance()) : null;
        long latest = latestOfRun(r.instance());
        boolean stopping = !stale && (r.status().equals("STOPPING") || ended && partitionsRunning(r.id()));
        String stoppedBy = r.status().equals("STOPPED") || stopping ? audit.stoppedBy(r.id()) : null;
        // while a partition still runs the stop is only asked for; "Stopped by" once it has ended
        String reason = stoppedBy != null ? (stopping ? "Stop asked for by " : "Stopped by ") + stoppedBy + "."
                : r.status().equals("FAILED") ? failureReason(r) : "";
        return new Row(r.id(), r.instance(), r.job(), identifying(r.id()), r.status(),
                Status.of(r.status(), stale, supersededBy, latest > r.id() ? latest : null, stopping),
                text.time(r.start() == null ? r.created() : r.start()),
                text.time(r.end()), ConsoleText.duration(r.start(), r.end()), runningStatus && !stale, stale,
                r.exitCode(), ConsoleText.safe(r.exitMessage()), latest, supersededBy, ConsoleText.safe(reason), stopping);
    }

    private long latestOfRun(long instance) {
        Long id = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?",
                Long.class, instance);
        return id == null ? 0 : id;
    }

    /**
     * Why an execution failed, as {@code ./run.sh status} words it (StatusReport.reason: the root
     * cause of the stored exit description): a failed partition's cause first, as it is the
     * one that says what happened (the gateway that refused, after how many attempts); then a
     * failed step's; then the job's own.
     */
    private String failureReason(Raw r) {
        List<String[]> steps = jdbc.query("SELECT STEP_NAME, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION"
                + " WHERE JOB_EXECUTION_ID = ? AND STATUS = 'FAILED' ORDER BY STEP_EXECUTION_ID",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, r.id());
        for (boolean partitions : new boolean[] {true, false}) {
            for (String[] s : steps) {
                String reason = StatusReport.reason(s[1]);
                if (s[0].contains(":") == partitions && !reason.isEmpty()) {
                    return words(reason);
                }
            }
        }
        String reason = StatusReport.reason(r.exitMessage());
        return reason.isEmpty() ? "no reason was recorded; the log (APP_DATA_DIR/logs) has what happened" : words(reason);
    }

    /** The message without the exception's class name in front, as the command line's "reason:" line has it. */
    private static String words(String reason) {
        String plain = reason.replaceFirst("^[A-Za-z_$][\\w$]*(Exception|Error): ", "");
        return plain.isBlank() ? reason : plain;
    }

    /**
     * A partition of this execution still marked running that really runs: in this process, or
     * in a live process on this host, or (on another host) updated within the stale-after time.
     * The job ends STOPPED when its manager step does, while a partition may still finish its
     * chunk; until it has, the run is "Stopping…" and nothing may be done to it.
     */
    private boolean partitionsRunning(long id) {
        List<Long> steps = jdbc.queryForList("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                + " AND STATUS IN ('STARTING', 'STARTED', 'STOPPING') AND STEP_NAME LIKE '%:%'", Long.class, id);
        if (steps.isEmpty()) {
            return false;
        }
        java.util.Set<Long> here = new java.util.HashSet<>();
        if (workers != null) {
            workers.live().forEach(s -> here.add(s.getId()));
        }
        for (long step : steps) {
            if (here.contains(step)) {
                return true;
            }
            StepExecution s = repository.getStepExecution(step);
            if (s == null || !s.getExecutionContext().containsKey(WorkerStamp.HOST)
                    || !s.getExecutionContext().containsKey(WorkerStamp.PID)) {
                continue; // taken by no worker: nothing runs it
            }
            long pid = s.getExecutionContext().getLong(WorkerStamp.PID);
            if (liveness.host().equals(s.getExecutionContext().getString(WorkerStamp.HOST))) {
                if (pid != ProcessHandle.current().pid()
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return true;
                }
            } else if (s.getLastUpdated() != null
                    && s.getLastUpdated().isAfter(LocalDateTime.now().minus(liveness.staleAfter()))) {
                return true;
            }
        }
        return false;
    }

    /** What names the run: the run date, the year and revision, the registry file's name. */
    private String identifying(long id) {
        List<String> values = jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE JOB_EXECUTION_ID = ? AND IDENTIFYING = 'Y' ORDER BY PARAMETER_NAME", (rs, i) -> {
                    String name = rs.getString(1);
                    String value = String.valueOf(rs.getString(2));
                    if (name.equals("fingerprint") || name.equals("inputHash")) {
                        return null;
                    }
                    if (name.equals("runDate") && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                        return "run date " + value.substring(8) + "." + value.substring(5, 7) + "." + value.substring(0, 4);
                    }
                    if (name.equals("registry") || name.equals("documents")) {
                        value = value.isEmpty() ? "" : java.nio.file.Path.of(value).getFileName().toString();
                    }
                    return value.isEmpty() ? null : name + " " + value;
                }, id);
        return ConsoleText.safe(String.join(", ", values.stream().filter(java.util.Objects::nonNull).toList()));
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
