package dk.udlaendinge.batch.notice;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import dk.udlaendinge.batch.deposit.RenewalRule;

/**
 * {@code renewal --dry-run}: what a run would do, with nothing recorded and nothing sent.
 * Uses the same rule, renderer and size measurement as the job, read-only.
 */
public final class RenewalDryRun {

    private final NoticeRepository notices;

    private final RenewalRule rule;

    private final NoticePreparation preparation;

    public RenewalDryRun(NoticeRepository notices, RenewalRule rule, NoticePreparation preparation) {
        this.notices = notices;
        this.rule = rule;
        this.preparation = preparation;
    }

    public void run(LocalDate runDate, PrintStream out) {
        Map<String, Integer> counts = new TreeMap<>();
        int[] problems = { 0 };
        long[] seq = { 0 };
        notices.forEachCandidate(runDate, rule.horizon(runDate), (noticeId, expiry, deposit) -> {
            if (noticeId == null && !rule.isDue(deposit, false, runDate)) {
                return;
            }
            try {
                PreparedNotice p = preparation
                    .process(new PendingNotice(--seq[0], expiry, deposit, notices.caseDocuments(deposit.depositId())));
                String key = p.routing().channel() + (p.routing().reason() == null ? "" : " " + p.routing().reason())
                        + (p.overdue() ? " (overdue)" : "");
                counts.merge(key, 1, Integer::sum);
            }
            catch (NoticeSkippedException e) {
                problems[0]++;
            }
        });
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("Dry run for %s: %d notices would be sent; nothing was recorded or sent.%n", runDate, total);
        counts.forEach((k, v) -> out.printf("  %-24s %d%n", k, v));
        if (problems[0] > 0) {
            out.printf("  would be skipped (bad case document or address): %d%n", problems[0]);
        }
    }

}
