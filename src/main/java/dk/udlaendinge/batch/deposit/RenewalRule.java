package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;

/**
 * Whether a deposit gets a renewal notice on run date D (SPEC §2): its group must be
 * renewed; no permanent residence dated on or before D; its expiry lies between
 * 1 January 2015 and D + lead days; and it has not had a notice for that expiry already.
 * An expiry already past on D still qualifies (overdue): a night that did not run must
 * never make a deposit fall through.
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

    public boolean isDue(LocalDate posted, LocalDate permitGranted, LocalDate permanentResidence,
            boolean alreadyNoticedForThisExpiry, LocalDate runDate) {
        if (!rules.mustBeRenewed(posted) || alreadyNoticedForThisExpiry) {
            return false;
        }
        if (permanentResidence != null && !permanentResidence.isAfter(runDate)) {
            return false;
        }
        LocalDate expiry = rules.expiryDate(posted, permitGranted);
        return !expiry.isBefore(SecurityRules.FIRST_RENEWAL) && !expiry.isAfter(horizon(runDate));
    }

    /** The last expiry date a run on {@code runDate} gives notice for. */
    public LocalDate horizon(LocalDate runDate) {
        return runDate.plusDays(leadDays);
    }

    /** Expired before the run date: the security can no longer be extended, a new one is needed. */
    public static boolean isOverdue(LocalDate expiry, LocalDate runDate) {
        return expiry.isBefore(runDate);
    }
}
