package dk.udlaendinge.batch.notice.letter;

import java.time.LocalDate;

import dk.udlaendinge.batch.deposit.RuleGroup;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * What a renewal letter cites (SPEC §2). The order (bekendtgørelse) is the one of the rule
 * period the security was posted in, taken from {@link SecurityRules}, where the periods are
 * defined once: a later rule set added there is cited here without a change. Securities posted
 * before 2011 are never extended (bek. nr. 934 af 5. sept. 2006), so they never get a letter.
 *
 * <p>Whether a deposit gets a notice at all is decided by the renewal rule, not here.
 */
public final class RuleSource {

    /**
     * Where the amount to renew comes from, for every security that gets a letter (SPEC §2, "The
     * amount to renew"): the amount of the application year, or the amount the municipality
     * reduced it to, not re-indexed to the year of the renewal. The order says it for a reduced
     * security; KL's guidance to the municipalities, which points to the agency's newsletter of
     * December 2014 for worked examples, says it for both.
     */
    public static final String AMOUNT_CITATION = "§ 6, stk.\u00a03, i bekendtgørelse nr. 646 af 21. juni 2012 med senere"
            + " ændringer";
    public static final String AMOUNT_GUIDANCE = "KL's vejledning »Forlængelse af sikkerhedsstillelse«";

    private RuleSource() {
    }

    /**
     * The Danish citation as the letter prints it.
     *
     * @throws IllegalArgumentException for a security whose rule period is never extended
     */
    public static String citationFor(LocalDate posted) {
        RuleGroup group = SecurityRules.LATE_2014.groupFor(posted);
        if (!group.renewable()) {
            throw new IllegalArgumentException("a security posted " + posted + " (before "
                    + group.postedTo().plusDays(1) + ") is never extended and gets no renewal letter");
        }
        return group.citation();
    }
}
