package dk.udlaendinge.batch.notice.letter;

import java.time.LocalDate;

import dk.udlaendinge.batch.deposit.RuleSet;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * What a renewal letter cites (docs/RENEWAL-RULES.md §1). The order (bekendtgørelse) and
 * the source of the amount are those of the rule set that governs the security, taken
 * from {@link SecurityRules}, where the sets are defined once: a later rule set added
 * there is cited here without a change. A set that never renews (A: posted before 2011;
 * D, E, F: ten years) never gets a letter.
 *
 * <p>
 * Whether a deposit gets a notice at all is decided by the renewal rule, not here.
 */
public final class RuleSource {

    private RuleSource() {
    }

    /**
     * The Danish citation as the letter prints it, for a security of the 18-column
     * registry (its set by posting date).
     * @throws IllegalArgumentException for a security whose rule set is never extended
     */
    public static String citationFor(LocalDate posted) {
        return citationFor(SecurityRules.THROUGH_TIME.ruleSetFor(posted));
    }

    /**
     * @throws IllegalArgumentException for a rule set that is never extended
     */
    public static String citationFor(RuleSet set) {
        requireRenewable(set);
        return set.citation();
    }

    /**
     * The source a letter cites for the amount to renew: the order, or where it does not
     * reach, the guidance.
     */
    public static String amountCitationFor(RuleSet set) {
        requireRenewable(set);
        return set.amountCitation();
    }

    static void requireRenewable(RuleSet set) {
        if (!set.renewable()) {
            throw new IllegalArgumentException("a security of rule set "
                    + set.name() + " (" + (set.postedTo() != null && set.appliedFrom() == null
                            ? "before " + set.postedTo().plusDays(1) : set.validYears() + " years")
                    + ") is never extended and gets no renewal letter");
        }
    }

}
