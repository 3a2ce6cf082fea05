package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One rule set of docs/RENEWAL-RULES.md §1 as dated data: which securities it governs (a
 * posting-date range and, from 2017, an application-date range), how many years a
 * security runs from its start (the permit date), whether and until how many years in all
 * from its start it is renewed, how its amount was fixed, and the sources.
 * {@link SecurityRules} holds the list and is the only reader.
 *
 * @param name the set's letter, stored in {@code deposit.rule_set}
 * @param postedFrom first posting date governed (inclusive), {@code null} for open-ended
 * @param postedTo last posting date governed (inclusive), {@code null} for open-ended
 * @param appliedFrom first application date governed (inclusive), {@code null} for
 * open-ended
 * @param appliedTo last application date governed (inclusive), {@code null} for
 * open-ended
 * @param validYears years from the start (the permit date) a security of the set runs
 * @param renewedUntilYears 0 when never renewed; else a notice asks to extend the
 * security until start + this many years, and none is sent once its end reaches that
 * @param track how the amount was fixed, for the letter
 * @param citation the legal source of its period, in Danish, as a renewal letter cites it
 * @param amountCitation the source a letter cites for the amount to renew, in Danish
 * @param sources every source (law, order, guidance, with number and date), for the docs
 */
public record RuleSet(String name, LocalDate postedFrom, LocalDate postedTo, LocalDate appliedFrom, LocalDate appliedTo,
        int validYears, int renewedUntilYears, AmountTrack track, String citation, String amountCitation,
        List<String> sources) {

    public RuleSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(track, "track");
        if (validYears <= 0 || renewedUntilYears < 0 || renewedUntilYears > 0 && renewedUntilYears <= validYears) {
            throw new IllegalArgumentException("rule set " + name + ": " + validYears + " years, renewed until "
                    + renewedUntilYears + " years in all");
        }
        sources = List.copyOf(sources);
    }

    /** Whether a security of this set is ever extended. */
    public boolean renewable() {
        return renewedUntilYears > 0;
    }

    public boolean coversPosting(LocalDate posted) {
        return within(posted, postedFrom, postedTo);
    }

    /**
     * Whether this set governs a security posted on {@code posted} with an application
     * submitted on {@code applied}. Without an application date the application is only
     * known to come before the posting: the set governs it only when every such date lies
     * in its application range, so a missing date never decides between two sets.
     */
    public boolean covers(LocalDate posted, LocalDate applied) {
        if (!coversPosting(posted)) {
            return false;
        }
        if (applied != null) {
            return within(applied, appliedFrom, appliedTo);
        }
        return appliedFrom == null && (appliedTo == null || !posted.isAfter(appliedTo));
    }

    private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }
}
