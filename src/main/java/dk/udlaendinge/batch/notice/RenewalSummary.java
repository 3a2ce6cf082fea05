package dk.udlaendinge.batch.notice;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.delivery.ShipmentReport;

/**
 * The end-of-run summary: what a run date selected and sent (the renewal report's
 * figures, RenewalReport), the municipality lists, and where the files are.
 */
public final class RenewalSummary {

    private final JdbcTemplate jdbc;

    private final RenewalReport report;

    private final RenewalOutputs outputs;

    public RenewalSummary(JdbcTemplate jdbc, RenewalOutputs outputs) {
        this.jdbc = jdbc;
        this.report = new RenewalReport(jdbc);
        this.outputs = outputs;
    }

    public record Counts(long selected, long digital, long paper, long skipped, long lists) {
    }

    public Counts counts(LocalDate runDate) {
        return counts(report.totals(runDate), runDate);
    }

    private Counts counts(RenewalReport.Totals t, LocalDate runDate) {
        long lists = count("SELECT COUNT(*) FROM municipality_list WHERE run_date = ?", Date.valueOf(runDate));
        return new Counts(t.selected(), t.digital(), t.paper(), t.skipped(), lists);
    }

    public void print(PrintStream out, LocalDate runDate) {
        RenewalReport.Totals t = report.totals(runDate);
        Counts c = counts(t, runDate);
        out.printf("Renewal run %s: selected %d, digital %d, paper %d, skipped %d, municipality lists %d%n", runDate,
                c.selected(), c.digital(), c.paper(), c.skipped(), c.lists());
        // the MeMo transport (docs/DIGITAL-POST.md): a message the receiver refused is a
        // skipped
        // notice whose reason names the receiver
        if (t.byMemo() > 0 || t.refusedByMemo() > 0) {
            out.printf("  digital post by MeMo: delivered %d, refused %d (skipped; ./run.sh status shows the"
                    + " receiver's reason)%n", t.byMemo(), t.refusedByMemo());
        }
        Map<String, Long> byWay = new TreeMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM municipality_list WHERE run_date = ? GROUP BY channel", rs -> {
            byWay.put(rs.getString(1), rs.getLong(2));
        }, Date.valueOf(runDate));
        if (byWay.keySet().stream().anyMatch(w -> !w.equals("DIGITAL"))) {
            out.println("  municipality lists by way: " + byWay.entrySet()
                .stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        }
        for (String line : ShipmentReport.unusual(jdbc, MessageKeys.municipalityListsOf(runDate) + "%", 100)) {
            out.println("    " + line);
        }
        // only what exists: after a stop (or with the SMTP gateway) some were never
        // written
        boolean any = output(out, "outbox:      ", outputs.outbox(runDate));
        any |= output(out, "paper batch: ", outputs.paperDir(runDate));
        any |= output(out, "journal:     ", outputs.journal(runDate));
        any |= output(out, "lists:       ", outputs.lists(runDate));
        if (!any) {
            out.println("  no output files for this run date yet");
        }
    }

    private static boolean output(PrintStream out, String label, Path path) {
        if (!Files.exists(path)) {
            return false;
        }
        out.println("  " + label + " " + path.toAbsolutePath().normalize());
        return true;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

}
