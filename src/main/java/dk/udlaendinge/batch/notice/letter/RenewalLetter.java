package dk.udlaendinge.batch.notice.letter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

import dk.udlaendinge.batch.deposit.RuleSet;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * Everything a renewal notice shows (docs/RENEWAL-RULES.md §4). Built by the notice step
 * from the deposit, the rules and the run; the renderer only lays it out.
 *
 * @param noticeId the notice's key, printed on the letter so a returned form can be
 * matched
 * @param caseNumber sagsnummer
 * @param referenceName the resident spouse, the addressee
 * @param addressLine street address for the envelope window
 * @param postalCode 4 digits
 * @param city post town
 * @param spouseName the foreign spouse
 * @param legalBasis {@code 9-1-1} (udlændingelovens § 9, stk. 1, nr. 1) or {@code 9c-1}
 * (§ 9 c, stk. 1)
 * @param securityForm {@code BANK_GUARANTEE} or {@code PLEDGED_ACCOUNT}
 * @param danishTest highest passed Danish test: {@code NONE}, {@code A1}, {@code A2},
 * {@code FINAL}, {@code PD3}, {@code STUDIEPROEVEN}, as the registry knows it; checked,
 * not printed: the amount does not follow from it (a municipality reduces a security when
 * asked, so a passed test need not have reduced it)
 * @param postedDate when the security was posted; selects the order (bekendtgørelse) the
 * letter cites, see {@link RuleSource}; must be on or after 2011-01-01
 * @param expiryDate when the current security expires
 * @param amountRequired the security's current amount from the registry
 * ({@code amount_dkk}: as posted, or as the municipality reduced it), exact to the øre;
 * the amount to extend it by, or to post anew (docs/RENEWAL-RULES.md §3, "The amount to
 * renew")
 * @param runDate the run date, printed as the letter's date
 * @param overdue the expiry date is before the run date: the security cannot be extended,
 * a new one must be posted; must agree with the two dates
 * @param municipalityName the municipality holding the security, as in
 * {@code municipalities.csv} ("Aarhus") or in full ("Aarhus Kommune"); see
 * {@link MunicipalityNames}
 * @param replyBy the date by which to act, printed as given: the expiry date, or for an
 * overdue notice typically the run date + 30 days; not before the run date
 * @param postedYearLevel the full amount at the level of the year the application was
 * submitted (the posting year when the registry has no application date), quoted beside
 * the reduction shares, and to say that a lower amount is a reduced one; {@code null}
 * when the reference table has no level for that year (the letter then quotes none)
 * @param applicationDate when the application was submitted, {@code null} when the
 * registry has none
 * @param ruleSet the rule set that governs the security ({@code SecurityRules}): the
 * order the letter cites, the source and track of the amount; must be one that renews
 * @param extendUntil the date to extend the security until, start + the set's years in
 * all (the journal's {@code extend_until}); after the expiry date; {@code null} leaves
 * the sentence out
 */
public record RenewalLetter(long noticeId, String caseNumber, String referenceName, String addressLine,
        String postalCode, String city, String spouseName, String legalBasis, String securityForm, String danishTest,
        LocalDate postedDate, LocalDate expiryDate, BigDecimal amountRequired, LocalDate runDate, boolean overdue,
        String municipalityName, LocalDate replyBy, FullAmountLevel postedYearLevel, LocalDate applicationDate,
        RuleSet ruleSet, LocalDate extendUntil) {

    static final Set<String> LEGAL_BASES = Set.of("9-1-1", "9c-1");
    static final Set<String> SECURITY_FORMS = Set.of("BANK_GUARANTEE", "PLEDGED_ACCOUNT");
    static final Set<String> DANISH_TESTS = Set.of("NONE", "A1", "A2", "FINAL", "PD3", "STUDIEPROEVEN");

    /**
     * Rejects an inconsistent letter; messages name the notice and the field, never a
     * personal value.
     */
    public RenewalLetter {
        require(caseNumber, "caseNumber", noticeId);
        require(referenceName, "referenceName", noticeId);
        require(addressLine, "addressLine", noticeId);
        require(postalCode, "postalCode", noticeId);
        require(city, "city", noticeId);
        require(spouseName, "spouseName", noticeId);
        require(municipalityName, "municipalityName", noticeId);
        oneOf(legalBasis, LEGAL_BASES, "legalBasis", noticeId);
        oneOf(securityForm, SECURITY_FORMS, "securityForm", noticeId);
        oneOf(danishTest, DANISH_TESTS, "danishTest", noticeId);
        Objects.requireNonNull(postedDate, () -> "postedDate missing on notice " + noticeId);
        Objects.requireNonNull(expiryDate, () -> "expiryDate missing on notice " + noticeId);
        Objects.requireNonNull(runDate, () -> "runDate missing on notice " + noticeId);
        Objects.requireNonNull(replyBy, () -> "replyBy missing on notice " + noticeId);
        Objects.requireNonNull(amountRequired, () -> "amountRequired missing on notice " + noticeId);
        if (amountRequired.signum() <= 0 || amountRequired.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amountRequired on notice " + noticeId
                    + " must be positive with at most two decimals, was " + amountRequired);
        }
        Objects.requireNonNull(ruleSet, () -> "ruleSet missing on notice " + noticeId);
        RuleSource.requireRenewable(ruleSet);
        int levelYear = applicationDate != null ? applicationDate.getYear() : postedDate.getYear();
        if (postedYearLevel != null && postedYearLevel.year() != levelYear) {
            throw new IllegalArgumentException("postedYearLevel on notice " + noticeId + " is the "
                    + postedYearLevel.year() + " level, but the security was "
                    + (applicationDate != null ? "applied for" : "posted") + " in " + levelYear);
        }
        if (extendUntil != null && !extendUntil.isAfter(expiryDate)) {
            throw new IllegalArgumentException("extendUntil " + extendUntil + " on notice " + noticeId
                    + " is not after the expiry date " + expiryDate + ": such a security is not renewed");
        }
        if (overdue != expiryDate.isBefore(runDate)) {
            throw new IllegalArgumentException(
                    "overdue=" + overdue + " on notice " + noticeId + " disagrees with expiry " + expiryDate
                            + " and run date " + runDate + " (overdue means expiry before the run date)");
        }
        if (replyBy.isBefore(runDate)) {
            throw new IllegalArgumentException(
                    "replyBy " + replyBy + " on notice " + noticeId + " is before the run date " + runDate);
        }
    }

    /**
     * A letter for a security of the 18-column registry: its rule set by the posting
     * date, no application date, and no date to extend until.
     */
    public RenewalLetter(long noticeId, String caseNumber, String referenceName, String addressLine, String postalCode,
            String city, String spouseName, String legalBasis, String securityForm, String danishTest,
            LocalDate postedDate, LocalDate expiryDate, BigDecimal amountRequired, LocalDate runDate, boolean overdue,
            String municipalityName, LocalDate replyBy, FullAmountLevel postedYearLevel) {
        this(noticeId, caseNumber, referenceName, addressLine, postalCode, city, spouseName, legalBasis, securityForm,
                danishTest, postedDate, expiryDate, amountRequired, runDate, overdue, municipalityName, replyBy,
                postedYearLevel, null, ruleSetByPosting(postedDate), null);
    }

    private static RuleSet ruleSetByPosting(LocalDate postedDate) {
        // a missing date is reported by the canonical constructor, naming the notice
        return postedDate == null ? null : SecurityRules.THROUGH_TIME.ruleSetFor(postedDate);
    }

    private static void require(String value, String field, long noticeId) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " missing on notice " + noticeId);
        }
    }

    private static void oneOf(String value, Set<String> allowed, String field, long noticeId) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                    field + " on notice " + noticeId + " is '" + value + "', expected one of " + allowed);
        }
    }
}
