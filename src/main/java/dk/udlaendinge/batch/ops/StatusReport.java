package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.delivery.ShipmentReport;

/**
 * {@code ./run.sh status}: the latest executions of every job with their steps, newest first.
 * Failed and stale executions are marked so they stand out, with the command that continues them.
 */
public final class StatusReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final JobRepository repository;
    private final RunningJobs running;

    public StatusReport(JdbcTemplate jdbc, JobRepository repository, RunningJobs running) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.running = running;
    }

    private record Row(long id, String job, String status, LocalDateTime start, LocalDateTime end, String exitCode,
            String exitMessage) {
    }

    public void print(PrintStream out, int limit) {
        List<Row> rows = jdbc.query("SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME,"
                + " e.EXIT_CODE, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs.getTimestamp(4)),
                        time(rs.getTimestamp(5)), rs.getString(6), rs.getString(7)));
        if (rows.isEmpty()) {
            out.println("No job has run yet.");
            return;
        }
        out.printf("%-6s %-20s %-24s %-10s %-19s %-19s %s%n", "ID", "JOB", "RUN", "STATUS", "START", "END", "DURATION");
        for (Row r : rows) {
            String status = r.status();
            String flag = "";
            if (status.equals("STARTED") || status.equals("STARTING") || status.equals("STOPPING")) {
                JobExecution full = repository.getJobExecution(r.id());
                if (full != null && running.isStale(full)) {
                    status = "STALE";
                    flag = "   <-- process gone: ./run.sh restart " + r.id();
                }
            } else if (status.equals("FAILED") || status.equals("STOPPED")) {
                flag = "   <-- ./run.sh restart " + r.id();
            }
            out.printf("%-6d %-20s %-24s %-10s %-19s %-19s %s%s%n", r.id(), r.job(), identifying(r.id()), status,
                    r.start() == null ? "-" : TIME.format(r.start()), r.end() == null ? "-" : TIME.format(r.end()),
                    duration(r.start(), r.end()), flag);
            jdbc.query("SELECT STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, READ_SKIP_COUNT + PROCESS_SKIP_COUNT"
                    + " + WRITE_SKIP_COUNT, FILTER_COUNT, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION"
                    + " WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID", rs -> {
                        String step = rs.getString(1);
                        boolean partition = step.contains(":");
                        String exit = firstLine(rs.getString(7));
                        out.printf("       %s%-44s %-9s read %d, written %d, skipped %d, filtered %d%s%n",
                                partition ? "  " : "", step, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), exit.isEmpty() ? "" : "  | " + exit);
                    }, r.id());
            String exit = firstLine(r.exitMessage());
            if (!exit.isEmpty()) {
                out.println("       exit: " + exit);
            }
        }
        List<String> shipments = ShipmentReport.unusual(jdbc, "%", 20);
        if (!shipments.isEmpty()) {
            out.println();
            out.println("Shipments to municipalities that did not go whole by Digital Post (over the limit, by each"
                    + " municipality's choice):");
            shipments.forEach(s -> out.println("  " + s));
        }
        List<String> skipped = jdbc.query("SELECT notice_id, skip_reason FROM renewal_notice WHERE status = 'SKIPPED'"
                + " ORDER BY notice_id FETCH FIRST 20 ROWS ONLY", (rs, i) -> rs.getLong(1) + ": " + rs.getString(2));
        if (!skipped.isEmpty()) {
            out.println();
            out.println("Notices skipped and waiting (the next renewal run retries them once the cause is fixed):");
            skipped.forEach(s -> out.println("  notice " + s));
        }
    }

    /** What identifies a run, short: a run date, a year and revision, an imported file's name. */
    private String identifying(long executionId) {
        List<String> params = jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE JOB_EXECUTION_ID = ? AND IDENTIFYING = 'Y' ORDER BY PARAMETER_NAME DESC",
                (rs, i) -> shortParameter(rs.getString(1), rs.getString(2)), executionId);
        return String.join(" ", params.stream().filter(p -> p != null && !p.isBlank()).toList());
    }

    private static String shortParameter(String name, String value) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (value == null || lower.contains("hash") || lower.contains("fingerprint")) {
            return null; // content hashes identify, but say nothing to an operator
        }
        if (lower.equals("registry") || lower.equals("documents")) {
            return value.isBlank() ? null : java.nio.file.Path.of(value).getFileName().toString();
        }
        return lower.equals("revision") ? "rev " + value : value;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
