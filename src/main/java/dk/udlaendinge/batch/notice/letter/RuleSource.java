package dk.udlaendinge.batch.notice.letter;

import java.time.LocalDate;

/**
 * The order (bekendtgørelse) a renewal letter cites, chosen by when the security was posted
 * (SPEC §2). Securities posted before 2011 run 7 years under bek. nr. 934 af 5. sept. 2006
 * and are never extended, so they never get a letter.
 *
 * <p>Whether a deposit gets a notice at all is decided by the renewal rules, not here; this
 * only picks the citation. When a later rule set is added to those rules, add its source here.
 */
public enum RuleSource {

    /** Posted 1 January 2011 – 30 June 2012: 4 years, renewed under the transitional rule of 2012. */
    BEK_1405_2010(LocalDate.of(2011, 1, 1),
            "§ 6 og § 17 i bekendtgørelse nr. 1405 af 30. november 2010 og § 20 i bekendtgørelse nr. 646 af 21. juni 2012"),

    /** Posted from 1 July 2012: 5 years. */
    BEK_646_2012(LocalDate.of(2012, 7, 1),
            "§ 6 i bekendtgørelse nr. 646 af 21. juni 2012");

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

    private final LocalDate postedFrom;
    private final String citation;

    RuleSource(LocalDate postedFrom, String citation) {
        this.postedFrom = postedFrom;
        this.citation = citation;
    }

    /** The Danish citation as the letter prints it. */
    public String citation() {
        return citation;
    }

    public static RuleSource forPostedDate(LocalDate posted) {
        if (posted.isBefore(BEK_1405_2010.postedFrom)) {
            throw new IllegalArgumentException("a security posted " + posted
                    + " (before 2011-01-01) is never extended and gets no renewal letter");
        }
        return posted.isBefore(BEK_646_2012.postedFrom) ? BEK_1405_2010 : BEK_646_2012;
    }
}
