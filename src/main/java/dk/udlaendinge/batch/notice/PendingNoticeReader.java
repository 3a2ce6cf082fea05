package dk.udlaendinge.batch.notice;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a send partition's notices, selecting them as it goes (send while selecting):
 * <ol>
 * <li>first what is already pending in its municipalities (earlier runs' skipped or
 * unsent notices, an earlier attempt's), in notice-id order, one window of
 * {@value #WINDOW} ids at a time;</li>
 * <li>then each municipality's registry in windows of {@value #WINDOW} deposit ids, in id
 * order: the window's due deposits become notices in one committed statement
 * ({@link NoticeRepository#selectDueWindow}), and then that window's new notices are
 * read.</li>
 * </ol>
 * Why: when a separate step selected every due deposit first, the first notice waited for
 * the whole selection (20 s at 183,000 due on HSQLDB); now it waits for one window,
 * however large the registry. Each window of ids is a bounded index range, so the whole
 * walk is linear.
 * <p>
 * Restart: each window's selection is all or nothing and skips what an earlier attempt
 * selected, so a restarted partition reads what is pending, then walks the windows again
 * and selects only what the failure left out; the reader keeps no restart position. Each
 * notice is read at most once per execution: a window reads only notices above the
 * highest id pending when the partition began (so a notice skipped in part 1 is not read
 * again) and only its own deposit ids (so a notice skipped in one window is not read by
 * the next). The execution context holds one count: the notices this partition selected,
 * over all attempts (never an item). (Not final: the step scope proxies it.)
 */
class PendingNoticeReader implements ItemStreamReader<PendingNotice> {

    static final int WINDOW = 2_000;

    private static final String SELECTED = RenewalNoticeJobConfiguration.SELECTED_COUNT;

    private final NoticeRepository notices;

    private final LocalDate runDate;

    private final LocalDate horizon;

    private final List<Integer> codes;

    private final int fromCode;

    private final int toCode;

    private final int window;

    private final Deque<PendingNotice> buffer = new ArrayDeque<>();

    private long next = -1;

    private long last;

    private int code;

    private String after;

    private long selected;

    PendingNoticeReader(NoticeRepository notices, LocalDate runDate, LocalDate horizon, List<Integer> codes,
            int fromCode, int toCode, int window) {
        this.notices = notices;
        this.runDate = runDate;
        this.horizon = horizon;
        this.codes = codes.stream().filter(c -> c >= fromCode && c <= toCode).sorted().toList();
        this.fromCode = fromCode;
        this.toCode = toCode;
        this.window = window;
    }

    @Override
    public void open(ExecutionContext context) {
        selected = context.getLong(SELECTED, 0L);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(SELECTED, selected);
    }

    @Override
    public PendingNotice read() {
        if (next < 0) {
            // what is pending when the partition begins: where part 1 starts and ends
            long[] bounds = notices.pendingBounds(runDate, fromCode, toCode);
            next = bounds == null ? 1 : bounds[0];
            last = bounds == null ? 0 : bounds[1];
        }
        while (buffer.isEmpty() && next <= last) {
            long to = Math.min(last, next + window - 1);
            buffer.addAll(notices.pendingWindow(next, to, runDate, fromCode, toCode));
            next = to + 1;
        }
        while (buffer.isEmpty() && code < codes.size()) {
            selectNextWindow();
        }
        return buffer.poll();
    }

    /**
     * One window of the current municipality's registry: select its due deposits, read
     * its new notices.
     */
    private void selectNextWindow() {
        int municipality = codes.get(code);
        List<String> ids = notices.depositWindow(municipality, after, window);
        if (!ids.isEmpty()) {
            String upTo = ids.get(ids.size() - 1);
            selected += notices.selectDueWindow(runDate, horizon, municipality, after, upTo);
            buffer.addAll(notices.selectedWindow(runDate, municipality, after, upTo, last));
            after = upTo;
        }
        if (ids.size() < window) { // the municipality's last window
            code++;
            after = null;
        }
    }

}
