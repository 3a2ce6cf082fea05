package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.delivery.ShipmentReport;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;

/**
 * {@code ./run.sh status}: the latest executions of every job with their steps, newest first.
 * Failed and stale executions are marked so they stand out, with the command that continues them;
 * a failed or stopped execution whose run a later execution completed is marked superseded instead.
 */
public final class StatusReport {

    /** A send partition's step name ends with its range of kommunekode (MunicipalityRangePartitioner). */
    private static final Pattern PARTITION = Pattern.compile(
            Pattern.quote(RenewalNoticeJobConfiguration.SEND_WORKER) + ":municipalities(\\d+)-(\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final JobRepository repository;
    private final RunningJobs running;

    private final ZoneId zone;

    /** {@code zone}: where times are shown, the console's {@code app.console.time-zone}. */
    public StatusReport(JdbcTemplate jdbc, JobRepository repository, RunningJobs running, ZoneId zone) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.running = running;
        this.zone = zone;
    }

    private record Row(long id, long instance, String job, String status, LocalDateTime start, LocalDateTime end,
            String exitCode, String exitMessage) {
    }

    public void print(PrintStream out, int limit) {
        List<Row> rows = jdbc.query("SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS, e.START_TIME,"
                + " e.END_TIME, e.EXIT_CODE, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        time(rs.getTimestamp(5)), time(rs.getTimestamp(6)), rs.getString(7), rs.getString(8)));
        if (rows.isEmpty()) {
            out.println("No job has run yet.");
            return;
        }
        // the columns are as wide as their widest value (a registry file's name can be long)
        Map<Long, String> runs = new HashMap<>();
        int[] width = {"ID".length(), "JOB".length(), "RUN".length(), "STATUS".length()};
        for (Row r : rows) {
            runs.put(r.id(), identifying(r.id()));
            width[0] = Math.max(width[0], Long.toString(r.id()).length());
            width[1] = Math.max(width[1], r.job().length());
            width[2] = Math.max(width[2], runs.get(r.id()).length());
            width[3] = Math.max(width[3], Math.max(r.status().length(), "STALE".length()));
        }
        String columns = "%-" + width[0] + "s %-" + width[1] + "s %-" + width[2] + "s %-" + width[3] + "s %-19s %-19s %s";
        out.printf(columns + "%n", "ID", "JOB", "RUN", "STATUS", "START", "END", "DURATION");
        // each partition's context is read once: the send step's line and the partition's own line both use it
        Map<Long, StepExecution> partitions = new HashMap<>();
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
                Long completedBy = completedBy(r);
                // a restart that completed the run leaves nothing to continue: no restart hint
                flag = completedBy != null ? "   (superseded: execution " + completedBy + " completed this run)"
                        : "   <-- ./run.sh restart " + r.id();
            }
            out.printf(columns + "%s%n", r.id(), r.job(), runs.get(r.id()), status, shown(r.start()), shown(r.end()),
                    duration(r.start(), r.end()), flag);
            LocalDate runDate = r.job().equals(RenewalNoticeJobConfiguration.JOB) ? runDate(r.id()) : null;
            jdbc.query("SELECT STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, READ_SKIP_COUNT + PROCESS_SKIP_COUNT"
                    + " + WRITE_SKIP_COUNT, FILTER_COUNT, EXIT_MESSAGE, START_TIME, COALESCE(END_TIME, LAST_UPDATED),"
                    + " STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID", rs -> {
                        String step = rs.getString(1);
                        boolean partition = step.contains(":");
                        String exit = reason(rs.getString(7));
                        String sent = runDate == null ? "" : sent(step, runDate, rs.getTimestamp(8), rs.getTimestamp(9));
                        String worker = partition ? worker(partitions, rs.getLong(10)) : "";
                        sent = selected(partitions, step, r.id(), rs.getLong(10)) + sent;
                        out.printf("       %s%-44s %-9s read %d, written %d, skipped %d, filtered %d%s%s%s%n",
                                partition ? "  " : "", step, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), sent, worker, exit.isEmpty() ? "" : "  | " + exit);
                    }, r.id());
            String exit = reason(r.exitMessage());
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

    /**
     * The notices a send step really sent, from renewal_notice. Its write count cannot say: each
     * notice is recorded SENT in its own transaction right after the gateway took it, while the
     * step's counts belong to the chunk's transaction, which a failure (a full disk, a gateway
     * that went away) rolls back, so a partition that sent 21 notices and then failed showed
     * "written 0". A partition's range of kommunekode is in its name; the step's own start and
     * end (or last update, while it runs or after a kill) tell its notices from an earlier or
     * later execution's for the same run date.
     */
    private String sent(String step, LocalDate runDate, Timestamp start, Timestamp end) {
        Matcher range = PARTITION.matcher(step);
        boolean manager = step.equals(RenewalNoticeJobConfiguration.SEND);
        if ((!manager && !range.matches()) || start == null) {
            return "";
        }
        int from = manager ? 0 : Integer.parseInt(range.group(1));
        int to = manager ? Integer.MAX_VALUE : Integer.parseInt(range.group(2));
        // a MeMo message is recorded under its urn:uuid (docs/DIGITAL-POST.md), a mail under its Message-ID
        long[] n = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + NoticeRepository.SENT_AS_MEMO
                + " AND channel = 'DIGITAL' THEN 1 ELSE 0 END), 0) FROM renewal_notice WHERE sent_run_date = ?"
                + " AND municipality_code BETWEEN ? AND ? AND status = 'SENT' AND sent_at >= ? AND sent_at <= ?",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, java.sql.Date.valueOf(runDate), from, to, start,
                end == null ? Timestamp.valueOf(LocalDateTime.now()) : end);
        return ", sent " + n[0] + (n[1] > 0 ? " (by MeMo " + n[1] + ")" : "");
    }

    /**
     * How many notices a send step (the sum of its partitions) or one send partition selected
     * this run: a count each partition keeps in its execution context, since it selects as it
     * sends.
     */
    private String selected(Map<Long, StepExecution> partitions, String step, long jobExecutionId,
            long stepExecutionId) {
        List<Long> ids = step.equals(RenewalNoticeJobConfiguration.SEND)
                ? jdbc.queryForList("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME LIKE ?", Long.class, jobExecutionId,
                        RenewalNoticeJobConfiguration.SEND_WORKER + ":%")
                : PARTITION.matcher(step).matches() ? List.of(stepExecutionId) : List.of();
        long selected = 0;
        for (long id : ids) {
            StepExecution partition = partition(partitions, id);
            if (partition != null) {
                selected += partition.getExecutionContext().getLong(RenewalNoticeJobConfiguration.SELECTED_COUNT, 0L);
            }
        }
        return ids.isEmpty() ? "" : ", selected " + selected;
    }

    /** Who ran a partition (WorkerStamp): ", by worker-a on host h (pid 12)", or that no worker took it. */
    private String worker(Map<Long, StepExecution> partitions, long stepExecutionId) {
        StepExecution partition = partition(partitions, stepExecutionId);
        if (partition == null) {
            return "";
        }
        String who = WorkerStamp.describe(partition.getExecutionContext());
        return who != null ? ", by " + who : partition.getStatus() == BatchStatus.STARTING ? ", waiting for a worker" : "";
    }

    private StepExecution partition(Map<Long, StepExecution> partitions, long stepExecutionId) {
        return partitions.computeIfAbsent(stepExecutionId, repository::getStepExecution);
    }

    private LocalDate runDate(long executionId) {
        List<String> values = jdbc.queryForList("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = ?", String.class, executionId,
                RenewalNoticeJobConfiguration.PARAM_RUN_DATE);
        try {
            return values.isEmpty() ? null : LocalDate.parse(values.get(0));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The later execution of the same run (job instance) that completed it, if any. */
    private Long completedBy(Row r) {
        return jdbc.queryForObject("SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?"
                + " AND STATUS = 'COMPLETED' AND JOB_EXECUTION_ID > ?", Long.class, r.instance(), r.id());
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

    /**
     * The line of a stored exit description that tells an operator what happened: the root
     * cause (the last "Caused by:" of the stack trace Spring Batch stores), not the wrapper on
     * its first line, which depends on where in the chunk the failure struck ("Unable to
     * process chunk"). Our own exceptions name the thing and never a person.
     */
    public static String reason(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        for (String l : (Iterable<String>) s.lines()::iterator) {
            if (l.startsWith("Caused by: ")) {
                line = l.substring("Caused by: ".length());
            }
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+")) {
            line = line.substring(line.lastIndexOf('.', colon) + 1); // the exception's simple name
        }
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** Spring Batch records times in the JVM's zone; shown in the operators' zone, as the console shows them. */
    private String shown(LocalDateTime recorded) {
        return recorded == null ? "-"
                : TIME.format(recorded.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
