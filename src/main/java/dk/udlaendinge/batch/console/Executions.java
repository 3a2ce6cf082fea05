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

import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * What the pages show about executions, read from the job repository: the same tables
 * {@code ./run.sh status} reads, on HSQLDB and PostgreSQL alike. Every text that could hold
 * anything a job wrote passes {@link ConsoleText#safe}.
 */
class Executions {

    static final List<String> JOBS = List.of("renewalNoticeJob", "quotaWorkbookJob", "registryImportJob");
    static final List<String> STATUSES = List.of("STARTED", "STOPPING", "COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    static final int PAGE_SIZE = 20;

    record Row(long id, long instanceId, String job, String run, String batchStatus, Status status, String start,
            String end, String duration, boolean running, boolean stale, String exitCode, String exitMessage) {
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

    Executions(JdbcTemplate jdbc, JobRepository repository, RunningJobs running, ConsoleText text) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.running = running;
        this.text = text;
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
        List<Row> rows = jdbc.query(SELECT + where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT " + PAGE_SIZE
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
                .filter(r -> r.running() || r.status().restartable()).toList();
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
            parts.add(new Progress.Part(s.getStepName(), s.getReadCount(), total,
                    java.time.Duration.between(s.getStartTime() == null ? now : s.getStartTime(), now)));
        }
        // a partitioned step's manager counts nothing until its partitions end: its partitions speak for it
        boolean partitioned = parts.stream().anyMatch(p -> p.step().contains(":"));
        parts.removeIf(p -> partitioned && !p.step().contains(":") && p.total() < 0);
        Row row = one(id).orElseThrow();
        return Progress.of(row.status(), row.running(), parts);
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
        Long supersededBy = r.status().equals("FAILED") || r.status().equals("STOPPED") ? completedBy(r.id(), r.instance())
                : null;
        return new Row(r.id(), r.instance(), r.job(), identifying(r.id()), r.status(),
                Status.of(r.status(), stale, supersededBy), text.time(r.start() == null ? r.created() : r.start()),
                text.time(r.end()), ConsoleText.duration(r.start(), r.end()), runningStatus && !stale, stale,
                r.exitCode(), ConsoleText.safe(r.exitMessage()));
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
