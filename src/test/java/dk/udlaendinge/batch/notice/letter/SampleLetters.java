package dk.udlaendinge.batch.notice.letter;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Letters built from rows like those in the registry example (like the examples in
 * docs/REGISTRY.md).
 */
final class SampleLetters {

    static final LocalDate RUN = LocalDate.of(2014, 12, 1);

    private SampleLetters() {
    }

    /**
     * Due in the lead window: can still be extended. A 2011 security reduced by the
     * municipality to 40 % after the A2 test; the reference table has no 2011 level, so
     * the letter quotes none.
     */
    static RenewalLetter due() {
        return new RenewalLetter(4711L, "FAM/2011/100355", "Jens Østergaard", "Åboulevarden 12, 2. th", "8000",
                "Aarhus C", "Maria Santos", "9-1-1", "PLEDGED_ACCOUNT", "A2", LocalDate.of(2011, 2, 10),
                LocalDate.of(2015, 1, 1), new BigDecimal("20685.76"), RUN, false, "Aarhus", LocalDate.of(2015, 1, 1),
                null);
    }

    /**
     * Expired before the run: a new security is needed, for the amount as posted in 2012
     * (never reduced).
     */
    static RenewalLetter overdue() {
        LocalDate run = LocalDate.of(2015, 3, 2);
        return new RenewalLetter(4712L, "FAM/2012/100488", "Sofie Nielsen", "Algade 20", "4000", "Roskilde",
                "Thabo Mokoena", "9c-1", "BANK_GUARANTEE", "NONE", LocalDate.of(2012, 7, 1), LocalDate.of(2015, 2, 15),
                new BigDecimal("50000.00"), run, true, "Roskilde", run.plusDays(30),
                new FullAmountLevel(2012, new BigDecimal("50000.00")));
    }

    static RenewalLetter withNames(String reference, String spouse) {
        RenewalLetter l = due();
        return new RenewalLetter(l.noticeId(), l.caseNumber(), reference, l.addressLine(), l.postalCode(), l.city(),
                spouse, l.legalBasis(), l.securityForm(), l.danishTest(), l.postedDate(), l.expiryDate(),
                l.amountRequired(), l.runDate(), l.overdue(), l.municipalityName(), l.replyBy(), l.postedYearLevel());
    }

    static RenewalLetter withId(long noticeId) {
        RenewalLetter l = due();
        return new RenewalLetter(noticeId, l.caseNumber(), l.referenceName(), l.addressLine(), l.postalCode(), l.city(),
                l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(), l.postedDate(), l.expiryDate(),
                l.amountRequired(), l.runDate(), l.overdue(), l.municipalityName(), l.replyBy(), l.postedYearLevel());
    }

}
