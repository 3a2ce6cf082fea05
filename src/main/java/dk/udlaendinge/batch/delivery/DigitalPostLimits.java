package dk.udlaendinge.batch.delivery;

import java.time.LocalDate;
import java.util.List;

import dk.udlaendinge.batch.delivery.DigitalPostSettings.DatedLimit;

/**
 * The Digital Post limits through time (docs/RENEWAL-RULES.md §5): which one is in force
 * on a run date. The limit of a run is the one of its run date, never of the day it
 * happens to run, so a restart or a late rerun decides as the run would have on its day.
 */
public final class DigitalPostLimits {

    /**
     * The limit of one date: the whole message as sent at most {@code maxBytes}, with at
     * most {@code maxAttachments} files ({@link Integer#MAX_VALUE}: no cap);
     * {@code source} names the order it comes from.
     */
    public record Limit(long maxBytes, int maxAttachments, String source) {

        /** One limit on the size alone, as before dated limits (tests, the benchmark). */
        public static Limit ofBytes(long maxBytes) {
            return new Limit(maxBytes, Integer.MAX_VALUE, "one limit");
        }
    }

    private final List<DatedLimit> limits;

    /**
     * {@code limits} in order of their dates, the first one possibly from the beginning
     * (from null).
     */
    public DigitalPostLimits(List<DatedLimit> limits) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("no Digital Post limit configured");
        }
        this.limits = List.copyOf(limits);
    }

    /**
     * The limit in force on {@code date}: the last one whose day has come. Before the
     * first one's day (a first limit with a date), the first one: there was no Digital
     * Post before it to be larger.
     */
    public Limit on(LocalDate date) {
        DatedLimit chosen = limits.get(0);
        for (DatedLimit l : limits) {
            if (l.from() == null || !l.from().isAfter(date)) {
                chosen = l;
            }
        }
        return new Limit(chosen.maxMessage().toBytes(),
                chosen.maxAttachments() == null ? Integer.MAX_VALUE : chosen.maxAttachments(),
                chosen.source() == null ? "from " + chosen.from() : chosen.source());
    }

}
