package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.common.batch.history.JobRun;
import dk.udlaendinge.batch.common.batch.history.StepRun;

/**
 * What a renewal run came to, from {@code renewal_notice}: selected, sent by channel (and
 * by MeMo), and skipped with their reasons. The one home of these reporting queries
 * (docs/ARCHITECTURE.md): the end-of-run summary, {@code ./run.sh status}, the console
 * and the benchmark render these records. Never a name, an address or a CPR number:
 * notices are reported by their ids.
 */
public final class RenewalReport {

    /**
     * A run date's notices.
     *
     * @param selected notices this run date selected
     * @param digital sent by Digital Post on this run date ({@code byMemo} of them as
     * MeMo messages)
     * @param paper sent on paper on this run date
     * @param skipped skipped and waiting as of this run date ({@link #skipped})
     * @param refusedByMemo skipped because a MeMo receiver refused them for good
     */
    public record Totals(long selected, long digital, long paper, long skipped, long byMemo, long refusedByMemo) {
    }

    /**
     * Sent notices of a run date by channel and reason: {@code written} were recorded for
     * that channel; {@code sent} went out (digital: handed to the gateway; paper: in the
     * print batch).
     */
    public record ByChannel(String channel, boolean byMemo, String reason, long written, long sent) {
    }

    /**
     * A notice skipped and waiting: the next renewal run retries it once the cause is
     * fixed.
     */
    public record Skipped(long noticeId, int municipalityCode, LocalDate expiry, LocalDate selected, String reason) {
    }

    /**
     * What one send step (the sum of its partitions) or one send partition selected and
     * sent; {@code selected} is null while a send step has no partitions yet.
     */
    public record SendFigures(Long selected, Long sent, long byMemo) {
    }

    /**
     * Skipped and waiting as of a run date: skipped by it or an earlier run, not sent
     * since.
     */
    private static final String SKIPPED = "status = 'SKIPPED' AND selected_run_date <= ?";

    private final JdbcTemplate jdbc;

    public RenewalReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Totals totals(LocalDate runDate) {
        Date d = Date.valueOf(runDate);
        return new Totals(count("SELECT COUNT(*) FROM renewal_notice WHERE selected_run_date = ?", d),
                count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'DIGITAL'", d),
                count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'PAPER'", d),
                count("SELECT COUNT(*) FROM renewal_notice WHERE " + SKIPPED, d),
                count("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ? AND channel = 'DIGITAL' AND "
                        + NoticeRepository.SENT_AS_MEMO, d),
                count("SELECT COUNT(*) FROM renewal_notice WHERE " + SKIPPED + " AND skip_reason LIKE ?", d,
                        NoticeDispatch.REFUSED_BY_MEMO_RECEIVER));
    }

    /**
     * The run date's sent notices by channel and reason; {@code printed}: the notice ids
     * the print batch holds.
     */
    public List<ByChannel> byChannel(LocalDate runDate, Set<Long> printed) {
        return jdbc.query(
                "SELECT channel, COALESCE(reason, ''), notice_id," + " CASE WHEN channel = 'DIGITAL' AND "
                        + NoticeRepository.SENT_AS_MEMO + " THEN 1 ELSE 0 END"
                        + " FROM renewal_notice WHERE sent_run_date = ? AND status = 'SENT' ORDER BY channel, reason",
                rs -> {
                    Map<List<Object>, long[]> counts = new LinkedHashMap<>();
                    while (rs.next()) {
                        long[] c = counts.computeIfAbsent(List.of(rs.getString(1), rs.getInt(4) == 1, rs.getString(2)),
                                k -> new long[2]);
                        c[0]++;
                        if (rs.getString(1).equals("DIGITAL") || printed.contains(rs.getLong(3))) {
                            c[1]++;
                        }
                    }
                    List<ByChannel> rows = new ArrayList<>();
                    counts.forEach((k, c) -> rows
                        .add(new ByChannel((String) k.get(0), (Boolean) k.get(1), (String) k.get(2), c[0], c[1])));
                    return rows;
                }, Date.valueOf(runDate));
    }

    /**
     * Notices skipped and waiting as of a run date (any run date when {@code asOf} is
     * null), by notice id, at most {@code limit}.
     */
    public List<Skipped> skipped(LocalDate asOf, int limit) {
        String where = asOf == null ? "status = 'SKIPPED'" : SKIPPED;
        Object[] args = asOf == null ? new Object[0] : new Object[] { Date.valueOf(asOf) };
        return jdbc.query(
                "SELECT notice_id, municipality_code, expiry_date, selected_run_date, skip_reason"
                        + " FROM renewal_notice WHERE " + where + " ORDER BY notice_id FETCH FIRST "
                        + Math.max(0, limit) + " ROWS ONLY",
                (rs, i) -> new Skipped(rs.getLong(1), rs.getInt(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), rs.getString(5)),
                args);
    }

    /**
     * Whether any notice has been recorded as sent (served by the status index: only sent
     * rows are touched).
     */
    public boolean anySent() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SENT'", Integer.class);
        return n != null && n > 0;
    }

    /**
     * What a send step (the sum of its partitions) or one send partition of a renewal
     * execution selected and sent; null for any other step. Selected is a count each
     * partition keeps in its execution context, since it selects as it sends. Sent is
     * read from renewal_notice: the step's write count cannot say, as each notice is
     * recorded SENT in its own transaction right after the gateway took it, while the
     * step's counts belong to the chunk's transaction, which a failure (a full disk, a
     * gateway that went away) rolls back; so a partition that sent 21 notices and then
     * failed showed "written 0". A partition's range of kommunekode is in its context
     * (MunicipalityRangePartitioner); the step's own start and end (or last update, while
     * it runs or after a kill) tell its notices from another execution's for the same run
     * date. {@code sent} is null when it cannot be told (no run date, or the step has not
     * started). Null for an execution of another job.
     * @param contexts a step execution's context by its id (the caller may cache them)
     */
    public SendFigures sendFigures(JobHistory history, JobRun run, StepRun step,
            LongFunction<ExecutionContext> contexts) {
        return run.job().equals(RenewalNoticeJobConfiguration.JOB)
                ? sendFigures(history, run.id(), step, runDate(run), contexts) : null;
    }

    /**
     * The run date a renewal execution was launched for, as its parameters show it; null
     * if unreadable.
     */
    private static LocalDate runDate(JobRun run) {
        return run.shown()
            .stream()
            .filter(p -> p.name().equals(RenewalNoticeJobConfiguration.PARAM_RUN_DATE))
            .findFirst()
            .map(p -> {
                try {
                    return LocalDate.parse(p.value());
                }
                catch (java.time.format.DateTimeParseException e) {
                    return null;
                }
            })
            .orElse(null);
    }

    SendFigures sendFigures(JobHistory history, long jobExecutionId, StepRun step, LocalDate runDate,
            LongFunction<ExecutionContext> contexts) {
        boolean manager = step.name().equals(RenewalNoticeJobConfiguration.SEND);
        boolean partition = step.isPartition()
                && step.partition().workerStep().equals(RenewalNoticeJobConfiguration.SEND_WORKER);
        if (!manager && !partition) {
            return null;
        }
        List<StepRun> partitions = manager
                ? history.partitions(jobExecutionId, RenewalNoticeJobConfiguration.SEND_WORKER) : List.of(step);
        Long selected = null;
        for (StepRun p : partitions) {
            selected = (selected == null ? 0 : selected)
                    + contexts.apply(p.id()).getLong(RenewalNoticeJobConfiguration.SELECTED_COUNT, 0L);
        }
        if (runDate == null || step.start() == null) {
            return new SendFigures(selected, null, 0);
        }
        int from = 0;
        int to = Integer.MAX_VALUE;
        if (partition) {
            ExecutionContext range = contexts.apply(step.id());
            if (!range.containsKey(MunicipalityRangePartitioner.FROM)
                    || !range.containsKey(MunicipalityRangePartitioner.TO)) {
                return new SendFigures(selected, null, 0);
            }
            from = range.getInt(MunicipalityRangePartitioner.FROM);
            to = range.getInt(MunicipalityRangePartitioner.TO);
        }
        LocalDateTime end = step.endOrLastUpdate();
        long[] n = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + NoticeRepository.SENT_AS_MEMO
                + " AND channel = 'DIGITAL' THEN 1 ELSE 0 END), 0) FROM renewal_notice WHERE sent_run_date = ?"
                + " AND municipality_code BETWEEN ? AND ? AND status = 'SENT' AND sent_at >= ? AND sent_at <= ?",
                (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, Date.valueOf(runDate), from, to,
                Timestamp.valueOf(step.start()), Timestamp.valueOf(end == null ? LocalDateTime.now() : end));
        return new SendFigures(selected, n[0], n[1]);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

}
