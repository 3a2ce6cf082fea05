package dk.udlaendinge.batch.notice;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads a partition's pending notices in notice-id order, one window of ids at a time.
 * <p>
 * Why not the paging reader: each of its pages asked for "the next 200 pending notices after
 * id X, ordered", and the database found them by collecting and sorting every pending notice
 * of the partition, for every page. With 300,000 notices due that took about a minute
 * before the first notice went out, and the progress line, measuring that rate, promised
 * hours. A window ({@code notice_id} from X to X + {@value #WINDOW}) is a range of the
 * primary key: each query touches at most {@value #WINDOW} rows, so the first notice goes out
 * at once and the whole read is linear, however large the backlog. The window's case documents
 * come with it ({@link NoticeRepository#pendingWindow}), not one query per notice.
 * <p>
 * Like the paging reader it keeps no restart state: the status is the restart position, so
 * a restart reads whatever is still pending (SELECTED or SKIPPED), from its lowest id. (Not
 * final: the step scope proxies it.)
 */
class PendingNoticeReader implements ItemReader<PendingNotice> {

    static final int WINDOW = 2_000;

    private final NoticeRepository notices;
    private final LocalDate runDate;
    private final int fromCode;
    private final int toCode;
    private final Deque<PendingNotice> buffer = new ArrayDeque<>();
    private long next = -1;
    private long last;

    PendingNoticeReader(NoticeRepository notices, LocalDate runDate, int fromCode, int toCode) {
        this.notices = notices;
        this.runDate = runDate;
        this.fromCode = fromCode;
        this.toCode = toCode;
    }

    @Override
    public PendingNotice read() {
        if (next < 0) {
            // the lowest and highest pending id of the partition: where the windows start and end
            long[] bounds = notices.pendingBounds(runDate, fromCode, toCode);
            next = bounds == null ? 1 : bounds[0];
            last = bounds == null ? 0 : bounds[1];
        }
        while (buffer.isEmpty() && next <= last) {
            long to = Math.min(last, next + WINDOW - 1);
            buffer.addAll(notices.pendingWindow(next, to, runDate, fromCode, toCode));
            next = to + 1;
        }
        return buffer.poll();
    }
}
