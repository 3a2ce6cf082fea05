package dk.udlaendinge.batch.deposit;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rule sets through time (docs/RENEWAL-RULES.md §1) as dated data in one list, and
 * the one reading of them: which set governs a security, when it ends, whether it is
 * still renewed and until when. The import derives the stored columns from here
 * ({@link DepositUpsert}), the renewal rule and the letter ask here, and the migration
 * that added the sets wrote the same values for the rows it found. The next change of the
 * law is a new entry in {@link #THROUGH_TIME} and its tests, not a new branch in the
 * code.
 *
 * <p>
 * The sets' ranges never overlap (a test checks it): the posting date decides up to 30
 * June 2012, the application date from then on, and from 1 July 2024 the posting date
 * again for the applications of set E's range.
 */
public final class SecurityRules {

    /**
     * No end before this date ever produces a notice: the first renewals fell due then.
     */
    public static final LocalDate FIRST_RENEWAL = LocalDate.of(2015, 1, 1);

    /**
     * From this posting date the set depends on the application date, which the registry
     * must then give.
     */
    public static final LocalDate APPLICATION_DATE_REQUIRED_FROM = LocalDate.of(2017, 11, 16);

    private static final String BEK_646 = "§ 6 i bekendtgørelse nr. 646 af 21. juni 2012";

    private static final String AMOUNT_646 = "§ 6, stk.\u00a03, i bekendtgørelse nr. 646 af 21. juni 2012 med senere"
            + " ændringer";

    private static final String KL_EXTENSION = "KL's vejledning »Forlængelse af sikkerhedsstillelse«";

    public static final SecurityRules THROUGH_TIME = new SecurityRules(List.of(
            new RuleSet("A", null, LocalDate.of(2010, 12, 31), null, null, 7, 0, AmountTrack.LEVEL_2002,
                    "§ 6 i bekendtgørelse nr. 934 af 5. september 2006", null,
                    List.of("§ 6, bekendtgørelse nr. 934 af 5. september 2006",
                            "nyidanmark.dk, »Økonomisk sikkerhedsstillelse – forlængelse«: stillet før 1. januar 2011,"
                                    + " forlænges ikke")),
            new RuleSet("B", LocalDate.of(2011, 1, 1), LocalDate.of(2012, 6, 30), null, null, 4, 10,
                    AmountTrack.LEVEL_2012,
                    "§ 6 og § 17 i bekendtgørelse nr. 1405 af 30. november 2010 og § 20 i bekendtgørelse nr. 646"
                            + " af 21. juni 2012",
                    // as the letters of 2014 cited it: stk. 3's rule on a reduced amount,
                    // and KL's
                    // guidance, which covers securities from 2011 (the 50,000 kr.
                    // sentence speaks of
                    // the five-year security; docs/RENEWAL-RULES.md, "Applications
                    // submitted before
                    // 15 May 2012")
                    AMOUNT_646 + "; " + KL_EXTENSION,
                    List.of("§ 6 og § 17, bekendtgørelse nr. 1405 af 30. november 2010 (tekst ikke fundet)",
                            "§ 20, bekendtgørelse nr. 646 af 21. juni 2012 (tekst ikke fundet)",
                            "nyidanmark.dk, »Økonomisk sikkerhedsstillelse – forlængelse« (10 år i alt)",
                            KL_EXTENSION + " (10 år i alt; beløbet ved ansøgningen eller det nedsatte)")),
            new RuleSet("C", LocalDate.of(2012, 7, 1), null, null, LocalDate.of(2017, 11, 15), 5, 10,
                    AmountTrack.LEVEL_2012, BEK_646, AMOUNT_646 + "; " + KL_EXTENSION,
                    List.of("§ 6, bekendtgørelse nr. 646 af 21. juni 2012",
                            "§ 6, stk. 3, bekendtgørelse nr. 646 som ændret (retsinformation.dk, forskrift id 167013)",
                            "nyidanmark.dk, »Økonomisk sikkerhedsstillelse – forlængelse« (10 år i alt)",
                            KL_EXTENSION)),
            new RuleSet("D", LocalDate.of(2012, 7, 1), null, APPLICATION_DATE_REQUIRED_FROM, LocalDate.of(2018, 6, 30),
                    10, 0, AmountTrack.LEVEL_2012, BEK_646, AMOUNT_646,
                    List.of("nyidanmark.dk, nyhed 5. marts 2018: »Der skal fremover stilles økonomisk sikkerhed for"
                            + " en periode på 10 år« (i kraft 1. marts 2018 for ansøgninger indgivet efter 15."
                            + " november 2017)", "lovens nummer ikke fundet")),
            new RuleSet("E", LocalDate.of(2012, 7, 1), LocalDate.of(2024, 6, 30), LocalDate.of(2018, 7, 1), null, 10, 0,
                    AmountTrack.LEVEL_2018,
                    "udlændingelovens § 9, stk. 4, som ændret ved lov nr. 742 af 8. juni 2018, og bekendtgørelse"
                            + " nr. 903 af 6. juni 2020",
                    "udlændingelovens § 9, stk. 4, og bekendtgørelse nr. 903 af 6. juni 2020",
                    List.of("lov nr. 742 af 8. juni 2018 (L 231, 2017-18)", "bekendtgørelse nr. 903 af 6. juni 2020",
                            "KL, »Sikkerhedsstillelse« (100.000 kr., 2018-niveau, ansøgninger fra 1. juli 2018)")),
            new RuleSet("F", LocalDate.of(2024, 7, 1), null, LocalDate.of(2018, 7, 1), null, 10, 0,
                    AmountTrack.LEVEL_2024, "udlændingelovens § 9, stk. 4, som ændret ved lov nr. 686 af 11. juni 2024",
                    "udlændingelovens § 9, stk. 4, som ændret ved lov nr. 686 af 11. juni 2024",
                    List.of("lov nr. 686 af 11. juni 2024 (L 157, 2023-24), i kraft 1. juli 2024",
                            "nyidanmark.dk, nyhed 2. maj 2024 (57.000 kr.)"))));

    private final List<RuleSet> sets;

    SecurityRules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
    }

    public List<RuleSet> sets() {
        return sets;
    }

    /**
     * The set that governs a security posted on {@code posted} with its application
     * submitted on {@code applied} ({@code null} when the registry has none); empty when
     * no set does, which for a posting from {@link #APPLICATION_DATE_REQUIRED_FROM}
     * without an application date means the date is missing.
     */
    public Optional<RuleSet> ruleSetFor(LocalDate posted, LocalDate applied) {
        return sets.stream().filter(s -> s.covers(posted, applied)).findFirst();
    }

    /**
     * As {@link #ruleSetFor}, for a row the import accepted: a missing set is a
     * programming error.
     */
    public RuleSet require(LocalDate posted, LocalDate applied) {
        return ruleSetFor(posted, applied)
            .orElseThrow(() -> new IllegalArgumentException("no rule set governs a security posted " + posted
                    + (applied == null ? " without an application date" : " for an application of " + applied)));
    }

    /** The set by its letter, as stored in {@code deposit.rule_set}. */
    public RuleSet named(String name) {
        return sets.stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no rule set " + name));
    }

    /**
     * What a security's dates mean under the set that governs it: the end it runs to (the
     * registry's {@code valid_until} when given, after an extension the extended end;
     * else start + the set's years), whether it is still to be renewed (a renewing set,
     * and an end before start + the years in all), and until when a notice asks to extend
     * it. Start is the permit date. {@link LocalDate#plusYears} moves 29 February to 28
     * February in a year without a leap day, which is the rule.
     */
    public Term term(LocalDate posted, LocalDate applied, LocalDate permitGranted, LocalDate validUntil) {
        RuleSet set = require(posted, applied);
        LocalDate end = validUntil != null ? validUntil : permitGranted.plusYears(set.validYears());
        if (!set.renewable()) {
            return new Term(set, end, false, null);
        }
        LocalDate extendUntil = permitGranted.plusYears(set.renewedUntilYears());
        return new Term(set, end, end.isBefore(extendUntil), extendUntil);
    }

    public Term term(Deposit d) {
        return term(d.postedDate(), d.applicationDate(), d.permitGrantedDate(), d.validUntil());
    }

    /**
     * The governing set, the end, whether the security is still to be renewed, and (for a
     * renewing set) the date a notice asks to extend it until, start + the years in all.
     */
    public record Term(RuleSet set, LocalDate end, boolean renewable, LocalDate extendUntil) {
    }

    // --- the 18-column registry's questions, by posting date alone
    // -------------------------

    public RuleSet ruleSetFor(LocalDate posted) {
        return require(posted, null);
    }

    /**
     * Permit date plus the years of the set a security posted then (without an
     * application date) falls in.
     */
    public LocalDate expiryDate(LocalDate posted, LocalDate permitGranted) {
        return term(posted, null, permitGranted, null).end();
    }

    public boolean mustBeRenewed(LocalDate posted) {
        return ruleSetFor(posted).renewable();
    }

}
