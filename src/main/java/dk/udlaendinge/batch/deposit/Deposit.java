package dk.udlaendinge.batch.deposit;

import java.math.BigDecimal;
import java.time.LocalDate;

import dk.udlaendinge.batch.common.PersonalData;

/**
 * One economic security in the deposit registry (docs/REGISTRY.md). Holds personal data,
 * so {@link #toString()} shows only the key and the masked CPR number. The last four
 * fields are the second import format's ({@code null} when a row of the 18-column format
 * leaves them out).
 */
public record Deposit(String depositId, String caseNumber, String referenceCpr, String referenceName,
        String addressLine, String postalCode, String city, boolean digitalPostExempt, String digitalPostAddress,
        String spouseName, int municipalityCode, LegalBasis legalBasis, SecurityForm securityForm, BigDecimal amountDkk,
        LocalDate postedDate, LocalDate permitGrantedDate, LocalDate permanentResidenceDate, DanishExam danishTest,
        LocalDate applicationDate, LocalDate validUntil, LocalDate releasedDate, ReleaseReason releaseReason) {

    /**
     * A row of the 18-column format: no application date, end, or release beyond
     * permanent residence.
     */
    public Deposit(String depositId, String caseNumber, String referenceCpr, String referenceName, String addressLine,
            String postalCode, String city, boolean digitalPostExempt, String digitalPostAddress, String spouseName,
            int municipalityCode, LegalBasis legalBasis, SecurityForm securityForm, BigDecimal amountDkk,
            LocalDate postedDate, LocalDate permitGrantedDate, LocalDate permanentResidenceDate,
            DanishExam danishTest) {
        this(depositId, caseNumber, referenceCpr, referenceName, addressLine, postalCode, city, digitalPostExempt,
                digitalPostAddress, spouseName, municipalityCode, legalBasis, securityForm, amountDkk, postedDate,
                permitGrantedDate, permanentResidenceDate, danishTest, null, null, null, null);
    }

    /**
     * The first day the security no longer needs renewing because it was released: the
     * earlier of permanent residence and a release for any reason; {@code null} when
     * neither is given.
     */
    public LocalDate releasedOn() {
        if (permanentResidenceDate == null) {
            return releasedDate;
        }
        return releasedDate == null || permanentResidenceDate.isBefore(releasedDate) ? permanentResidenceDate
                : releasedDate;
    }

    /** The same deposit with the second format's fields. */
    public Deposit withSecondFormat(LocalDate application, LocalDate until, LocalDate released, ReleaseReason reason) {
        return new Deposit(depositId, caseNumber, referenceCpr, referenceName, addressLine, postalCode, city,
                digitalPostExempt, digitalPostAddress, spouseName, municipalityCode, legalBasis, securityForm,
                amountDkk, postedDate, permitGrantedDate, permanentResidenceDate, danishTest, application, until,
                released, reason);
    }

    /**
     * The same deposit under another key (the benchmark numbers generated slices this
     * way).
     */
    public Deposit withId(String id) {
        return new Deposit(id, caseNumber, referenceCpr, referenceName, addressLine, postalCode, city,
                digitalPostExempt, digitalPostAddress, spouseName, municipalityCode, legalBasis, securityForm,
                amountDkk, postedDate, permitGrantedDate, permanentResidenceDate, danishTest, applicationDate,
                validUntil, releasedDate, releaseReason);
    }

    @Override
    public String toString() {
        return "Deposit[" + depositId + ", cpr " + PersonalData.maskCpr(referenceCpr) + "]";
    }
}
