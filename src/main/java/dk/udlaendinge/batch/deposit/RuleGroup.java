package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;

/**
 * The rules for securities posted in one period: how long they are valid, counted from the
 * date the residence permit was granted, and whether they must be renewed at expiry.
 *
 * @param postedFrom first posting date of the group (inclusive)
 * @param postedTo   last posting date of the group (inclusive), {@code null} for open-ended
 * @param citation   the legal source in Danish, as the renewal letter cites it (and readers of this code)
 */
public record RuleGroup(LocalDate postedFrom, LocalDate postedTo, int validYears, boolean renewable, String citation) {

    public boolean covers(LocalDate posted) {
        return !posted.isBefore(postedFrom) && (postedTo == null || !posted.isAfter(postedTo));
    }
}
