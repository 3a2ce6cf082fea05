package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.common.batch.history.JobRun;
import dk.udlaendinge.batch.common.batch.history.ShownParameter;
import dk.udlaendinge.batch.common.batch.history.StepRun;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.delivery.ShipmentReport;
import dk.udlaendinge.batch.notice.RenewalReport;

/**
 * {@code ./run.sh status}: the latest executions of every job with their steps, newest
 * first. Failed and stale executions are marked so they stand out, with the command that
 * continues them; a failed or stopped execution whose run a later execution completed is
 * marked superseded instead. It renders the job history's records (JobHistory) and the
 * renewal report's (RenewalReport), the same the console shows.
 */
public final class StatusReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobHistory history;

    private final RenewalReport renewals;

    private final JdbcTemplate jdbc;

    private final ZoneId zone;

    /**
     * {@code zone}: where times are shown, the console's {@code app.console.time-zone}.
     */
    public StatusReport(JobHistory history, RenewalReport renewals, JdbcTemplate jdbc, ZoneId zone) {
        this.history = history;
        this.renewals = renewals;
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public void print(PrintStream out, int limit) {
        List<JobRun> rows = history.newest(limit);
        if (rows.isEmpty()) {
            out.println("No job has run yet.");
            return;
        }
        // the columns are as wide as their widest value (a registry file's name can be
        // long)
        Map<Long, String> runs = new HashMap<>();
        int[] width = { "ID".length(), "JOB".length(), "RUN".length(), "STATUS".length() };
        for (JobRun r : rows) {
            runs.put(r.id(), identifying(r));
            width[0] = Math.max(width[0], Long.toString(r.id()).length());
            width[1] = Math.max(width[1], r.job().length());
            width[2] = Math.max(width[2], runs.get(r.id()).length());
            width[3] = Math.max(width[3], Math.max(r.status().length(), "STALE".length()));
        }
        String columns = "%-" + width[0] + "s %-" + width[1] + "s %-" + width[2] + "s %-" + width[3]
                + "s %-19s %-19s %s";
        out.printf(columns + "%n", "ID", "JOB", "RUN", "STATUS", "START", "END", "DURATION");
        // each partition's context is read once: the send step's line and the partition's
        // own line both use it
        Map<Long, ExecutionContext> contexts = new HashMap<>();
        LongFunction<ExecutionContext> context = id -> contexts.computeIfAbsent(id, history::context);
        for (JobRun r : rows) {
            String status = r.status();
            String flag = "";
            if (r.stale()) {
                status = "STALE";
                flag = "   <-- process gone: ./run.sh restart " + r.id();
            }
            else if (r.endedUnfinished()) {
                // a restart that completed the run leaves nothing to continue: no restart
                // hint
                flag = r.superseded() ? "   (superseded: execution " + r.completedBy() + " completed this run)"
                        : "   <-- ./run.sh restart " + r.id();
            }
            out.printf(columns + "%s%n", r.id(), r.job(), runs.get(r.id()), status, shown(r.start()), shown(r.end()),
                    duration(r.start(), r.end()), flag);
            for (StepRun step : history.steps(r.id())) {
                String exit = reason(step.exitMessage());
                RenewalReport.SendFigures figures = renewals.sendFigures(history, r, step, context);
                String worker = step.isPartition() ? worker(step, context.apply(step.id())) : "";
                out.printf("       %s%-44s %-9s read %d, written %d, skipped %d, filtered %d%s%s%s%n",
                        step.isPartition() ? "  " : "", step.name(), step.status(), step.read(), step.written(),
                        step.skipped(), step.filtered(), figures(figures), worker, exit.isEmpty() ? "" : "  | " + exit);
            }
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
        // every notice still waiting, whichever run date skipped it
        List<RenewalReport.Skipped> skipped = renewals.skipped(null, 20);
        if (!skipped.isEmpty()) {
            out.println();
            out.println("Notices skipped and waiting (the next renewal run retries them once the cause is fixed):");
            skipped.forEach(s -> out.println("  notice " + s.noticeId() + ": " + s.reason()));
        }
    }

    /**
     * ", selected 12, sent 10 (by MeMo 4)": what a send step or partition selected and
     * sent.
     */
    private static String figures(RenewalReport.SendFigures f) {
        if (f == null) {
            return "";
        }
        return (f.selected() == null ? "" : ", selected " + f.selected()) + (f.sent() == null ? ""
                : ", sent " + f.sent() + (f.byMemo() > 0 ? " (by MeMo " + f.byMemo() + ")" : ""));
    }

    /**
     * Who ran a partition (WorkerStamp): ", by worker-a on host h (pid 12)", or that no
     * worker took it.
     */
    private static String worker(StepRun partition, ExecutionContext context) {
        String who = WorkerStamp.describe(context);
        return who != null ? ", by " + who : partition.status().equals("STARTING") ? ", waiting for a worker" : "";
    }

    /**
     * What identifies a run, short: a run date, a year and revision, an imported file's
     * name.
     */
    private static String identifying(JobRun r) {
        List<ShownParameter> shown = new java.util.ArrayList<>(r.shown());
        java.util.Collections.reverse(shown); // runDate; year before revision; registry
                                              // before documents
        return String.join(" ",
                shown.stream().map(p -> p.name().equals("revision") ? "rev " + p.value() : p.value()).toList());
    }

    /**
     * The line of a stored exit description that tells an operator what happened: the
     * root cause (the last "Caused by:" of the stack trace Spring Batch stores), not the
     * wrapper on its first line, which depends on where in the chunk the failure struck
     * ("Unable to process chunk"). Our own exceptions name the thing and never a person.
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
            line = line.substring(line.lastIndexOf('.', colon) + 1); // the exception's
                                                                     // simple name
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

    /**
     * Spring Batch records times in the JVM's zone; shown in the operators' zone, as the
     * console shows them.
     */
    private String shown(LocalDateTime recorded) {
        return recorded == null ? "-" : TIME.format(recorded.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

}
