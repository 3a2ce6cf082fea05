package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;

/**
 * Whether a deposit gets a renewal notice on run date D (docs/RENEWAL-RULES.md §2): the
 * rule set that governs it renews it and its end is still before start + the years in all
 * ({@link SecurityRules#term}), and D is before that date too; no release (permanent
 * residence or a release for any reason) dated on or before D; its end lies between 1
 * January 2015 and D + lead days; and it has not had a notice for that end already. An
 * end already past on D still qualifies (overdue): a night that did not run must never
 * make a deposit fall through.
 *
 * <p>
 * The nightly selection is SQL over columns the import derived from the same
 * {@link SecurityRules} ({@code NoticeRepository.DUE}); a test holds the two to the same
 * answer.
 */
public final class RenewalRule {

    private final SecurityRules rules;

    private final int leadDays;

    public RenewalRule(SecurityRules rules, int leadDays) {
        if (leadDays < 0) {
            throw new IllegalArgumentException("lead days must be 0 or more, was " + leadDays);
        }
        this.rules = rules;
        this.leadDays = leadDays;
    }

    public boolean isDue(Deposit d, boolean alreadyNoticedForThisEnd, LocalDate runDate) {
        return due(rules.term(d), d.releasedOn(), alreadyNoticedForThisEnd, runDate);
    }

    /**
     * A deposit of the 18-column registry: no application date, no end given, no release
     * but permanent residence.
     */
    public boolean isDue(LocalDate posted, LocalDate permitGranted, LocalDate permanentResidence,
            boolean alreadyNoticedForThisExpiry, LocalDate runDate) {
        return due(rules.term(posted, null, permitGranted, null), permanentResidence, alreadyNoticedForThisExpiry,
                runDate);
    }

    private boolean due(SecurityRules.Term term, LocalDate released, boolean alreadyNoticed, LocalDate runDate) {
        if (!term.renewable() || alreadyNoticed) {
            return false;
        }
        // once the years in all have passed no security is required any more
        // (nyidanmark.dk,
        // "Forlængelse"): a late run never asks to extend a security until a day already
        // gone
        if (!runDate.isBefore(term.extendUntil())) {
            return false;
        }
        if (released != null && !released.isAfter(runDate)) {
            return false;
        }
        return !term.end().isBefore(SecurityRules.FIRST_RENEWAL) && !term.end().isAfter(horizon(runDate));
    }

    /** The last end date a run on {@code runDate} gives notice for. */
    public LocalDate horizon(LocalDate runDate) {
        return runDate.plusDays(leadDays);
    }

    /**
     * Expired before the run date: the security can no longer be extended, a new one is
     * needed.
     */
    public static boolean isOverdue(LocalDate expiry, LocalDate runDate) {
        return expiry.isBefore(runDate);
    }

}
