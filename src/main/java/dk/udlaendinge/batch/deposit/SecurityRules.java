package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;
import java.util.List;

/**
 * When a security expires and whether it must be renewed (SPEC §2), keyed by posting date:
 * the one definition of the rule periods, used by the import (expiry), the renewal rule and
 * the letter's legal citation.
 * These are the rules of late 2014, when the first renewals fell due; a later rule set
 * (applications after 15 November 2017, 10 years, never extended) is added as another
 * instance beside {@link #LATE_2014}, not by editing this one.
 */
public final class SecurityRules {

    /** No expiry before this date ever produces a notice: the first renewals fell due then. */
    public static final LocalDate FIRST_RENEWAL = LocalDate.of(2015, 1, 1);

    public static final SecurityRules LATE_2014 = new SecurityRules(List.of(
            new RuleGroup(LocalDate.MIN, LocalDate.of(2010, 12, 31), 7, false,
                    "§ 6 i bekendtgørelse nr. 934 af 5. september 2006"),
            new RuleGroup(LocalDate.of(2011, 1, 1), LocalDate.of(2012, 6, 30), 4, true,
                    "§ 6 og § 17 i bekendtgørelse nr. 1405 af 30. november 2010 og § 20 i bekendtgørelse nr. 646"
                            + " af 21. juni 2012"),
            new RuleGroup(LocalDate.of(2012, 7, 1), null, 5, true,
                    "§ 6 i bekendtgørelse nr. 646 af 21. juni 2012")));

    private final List<RuleGroup> groups;

    SecurityRules(List<RuleGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    public RuleGroup groupFor(LocalDate posted) {
        return groups.stream().filter(g -> g.covers(posted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule group covers posting date " + posted));
    }

    /**
     * Permit date plus the group's years. {@link LocalDate#plusYears} moves 29 February to
     * 28 February in a year without a leap day, which is the rule.
     */
    public LocalDate expiryDate(LocalDate posted, LocalDate permitGranted) {
        return permitGranted.plusYears(groupFor(posted).validYears());
    }

    public boolean mustBeRenewed(LocalDate posted) {
        return groupFor(posted).renewable();
    }
}
