package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a partition's pending notices in notice-id order, one window of ids at a time.
 * <p>
 * Why not the paging reader: each of its pages asked for "the next 200 pending notices after
 * id X, ordered", and the database found them by collecting and sorting every pending notice
 * of the partition, for every page. With 300,000 notices due that took about a minute
 * before the first notice went out, and the progress line, measuring that rate, promised
 * hours. A window ({@code notice_id} from X to X + {@value #WINDOW}) is a range of the
 * primary key: each query touches at most {@value #WINDOW} rows, so the first notice goes out
 * at once and the whole read is linear, however large the backlog.
 * <p>
 * Like the paging reader it keeps no restart state: the status is the restart position, so
 * a restart reads whatever is still pending (SELECTED or SKIPPED), from its lowest id. (Not
 * final: the step scope proxies it.)
 */
class PendingNoticeReader implements ItemReader<PendingNotice> {

    static final int WINDOW = 2_000;

    private static final String FROM_WHERE = " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id"
            + " WHERE n.notice_id BETWEEN ? AND ? AND n.status IN ('SELECTED', 'SKIPPED')"
            + " AND n.selected_run_date <= ? AND n.municipality_code BETWEEN ? AND ?";

    private final JdbcTemplate jdbc;
    private final Date runDate;
    private final int fromCode;
    private final int toCode;
    private final Deque<PendingNotice> buffer = new ArrayDeque<>();
    private long next = -1;
    private long last;

    PendingNoticeReader(JdbcTemplate jdbc, LocalDate runDate, int fromCode, int toCode) {
        this.jdbc = jdbc;
        this.runDate = Date.valueOf(runDate);
        this.fromCode = fromCode;
        this.toCode = toCode;
    }

    @Override
    public PendingNotice read() {
        if (next < 0) {
            bounds();
        }
        while (buffer.isEmpty() && next <= last) {
            long to = Math.min(last, next + WINDOW - 1);
            jdbc.query("SELECT " + NoticeRecords.PENDING_COLUMNS + FROM_WHERE + " ORDER BY n.notice_id",
                    rs -> {
                        buffer.add(NoticeRecords.mapPending(rs));
                    }, next, to, runDate, fromCode, toCode);
            next = to + 1;
        }
        return buffer.poll();
    }

    /** The lowest and highest pending id of the partition: where the windows start and end. */
    private void bounds() {
        Map<String, Object> b = jdbc.queryForMap("SELECT MIN(n.notice_id) AS lo, MAX(n.notice_id) AS hi"
                + " FROM renewal_notice n WHERE n.status IN ('SELECTED', 'SKIPPED') AND n.selected_run_date <= ?"
                + " AND n.municipality_code BETWEEN ? AND ?", runDate, fromCode, toCode);
        Number lo = (Number) b.get("LO");
        Number hi = (Number) b.get("HI");
        if (lo == null || hi == null) {
            next = 1;
            last = 0;
        } else {
            next = lo.longValue();
            last = hi.longValue();
        }
    }
}
