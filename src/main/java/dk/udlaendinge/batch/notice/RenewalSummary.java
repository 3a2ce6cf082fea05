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

/** The end-of-run summary: what a run date selected and sent, and where the files are. */
public final class RenewalSummary {

    private final JdbcTemplate jdbc;
    private final RenewalOutputs outputs;

    public RenewalSummary(JdbcTemplate jdbc, RenewalOutputs outputs) {
        this.jdbc = jdbc;
        this.outputs = outputs;
    }

    public record Counts(long selected, long digital, long paper, long skipped, long lists) {
    }

    public Counts counts(LocalDate runDate) {
        Date d = Date.valueOf(runDate);
        long selected = count("SELECT COUNT(*) FROM renewal_notice WHERE selected_run_date = ?", d);
        long digital = count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'DIGITAL'", d);
        long paper = count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'PAPER'", d);
        long skipped = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SKIPPED' AND selected_run_date <= ?", d);
        long lists = count("SELECT COUNT(*) FROM municipality_list WHERE run_date = ?", d);
        return new Counts(selected, digital, paper, skipped, lists);
    }

    public void print(PrintStream out, LocalDate runDate) {
        Counts c = counts(runDate);
        out.printf("Renewal run %s: selected %d, digital %d, paper %d, skipped %d, municipality lists %d%n", runDate,
                c.selected(), c.digital(), c.paper(), c.skipped(), c.lists());
        // the MeMo transport (docs/DIGITAL-POST.md): its messages are recorded under their urn:uuid; a
        // message the receiver refused is a skipped notice whose reason names the receiver
        long memo = count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'DIGITAL'"
                + " AND " + NoticeRepository.SENT_AS_MEMO, Date.valueOf(runDate));
        long refused = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SKIPPED' AND selected_run_date <= ?"
                + " AND skip_reason LIKE ?", Date.valueOf(runDate), NoticeDispatch.REFUSED_BY_MEMO_RECEIVER);
        if (memo > 0 || refused > 0) {
            out.printf("  digital post by MeMo: delivered %d, refused %d (skipped; ./run.sh status shows the"
                    + " receiver's reason)%n", memo, refused);
        }
        Map<String, Long> byWay = new TreeMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM municipality_list WHERE run_date = ? GROUP BY channel",
                rs -> {
                    byWay.put(rs.getString(1), rs.getLong(2));
                }, Date.valueOf(runDate));
        if (byWay.keySet().stream().anyMatch(w -> !w.equals("DIGITAL"))) {
            out.println("  municipality lists by way: " + byWay.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        for (String line : ShipmentReport.unusual(jdbc, MessageKeys.municipalityListsOf(runDate) + "%", 100)) {
            out.println("    " + line);
        }
        // only what exists: after a stop (or with the SMTP gateway) some were never written
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
