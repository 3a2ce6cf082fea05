package dk.udlaendinge.batch.notice;

import java.io.PrintStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * {@code renewal --dry-run}: what a run would do, with nothing recorded and nothing sent.
 * Uses the same rule, renderer and size measurement as the job, read-only.
 */
public final class RenewalDryRun {

    private final JdbcTemplate jdbc;
    private final RenewalRule rule;
    private final NoticePreparation preparation;

    public RenewalDryRun(JdbcTemplate jdbc, RenewalRule rule, NoticePreparation preparation) {
        this.jdbc = jdbc;
        this.rule = rule;
        this.preparation = preparation;
    }

    public void run(LocalDate runDate, PrintStream out) {
        Map<String, Integer> counts = new TreeMap<>();
        int[] problems = {0};
        long[] seq = {0};
        jdbc.query("SELECT NULL AS notice_id, d.expiry_date AS notice_expiry, " + NoticeRecords.DEPOSIT_COLUMNS
                + " FROM deposit d WHERE d.renewable = TRUE AND d.expiry_date BETWEEN ? AND ?"
                + " AND (d.permanent_residence_date IS NULL OR d.permanent_residence_date > ?)"
                + " AND NOT EXISTS (SELECT 1 FROM renewal_notice n WHERE n.deposit_id = d.deposit_id"
                + " AND n.expiry_date = d.expiry_date)"
                + " UNION ALL SELECT n.notice_id, n.expiry_date, " + NoticeRecords.DEPOSIT_COLUMNS
                + " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id"
                + " WHERE n.status IN ('SELECTED', 'SKIPPED') AND n.selected_run_date <= ?", rs -> {
                    var deposit = NoticeRecords.mapDeposit(rs);
                    var expiry = rs.getDate("notice_expiry").toLocalDate();
                    boolean pending = rs.getObject("notice_id") != null;
                    if (!pending && !rule.isDue(deposit.postedDate(), deposit.permitGrantedDate(),
                            deposit.permanentResidenceDate(), false, runDate)) {
                        return;
                    }
                    try {
                        PreparedNotice p = preparation.process(new PendingNotice(--seq[0], expiry, deposit));
                        String key = p.routing().channel() + (p.routing().reason() == null ? "" : " " + p.routing().reason())
                                + (p.overdue() ? " (overdue)" : "");
                        counts.merge(key, 1, Integer::sum);
                    } catch (NoticeSkippedException e) {
                        problems[0]++;
                    }
                }, Date.valueOf(SecurityRules.FIRST_RENEWAL), Date.valueOf(rule.horizon(runDate)), Date.valueOf(runDate),
                Date.valueOf(runDate));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("Dry run for %s: %d notices would be sent; nothing was recorded or sent.%n", runDate, total);
        counts.forEach((k, v) -> out.printf("  %-24s %d%n", k, v));
        if (problems[0] > 0) {
            out.printf("  would be skipped (bad case document or address): %d%n", problems[0]);
        }
    }
}
