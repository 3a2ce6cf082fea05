package dk.udlaendinge.batch.deposit;

import java.math.BigDecimal;
import java.time.LocalDate;

import dk.udlaendinge.batch.common.PersonalData;

/**
 * One economic security in the deposit registry (SPEC §1). Holds personal data, so
 * {@link #toString()} shows only the key and the masked CPR number.
 */
public record Deposit(
        String depositId,
        String caseNumber,
        String referenceCpr,
        String referenceName,
        String addressLine,
        String postalCode,
        String city,
        boolean digitalPostExempt,
        String digitalPostAddress,
        String spouseName,
        int municipalityCode,
        LegalBasis legalBasis,
        SecurityForm securityForm,
        BigDecimal amountDkk,
        LocalDate postedDate,
        LocalDate permitGrantedDate,
        LocalDate permanentResidenceDate,
        DanishExam danishTest) {

    /** The same deposit under another key (the benchmark numbers generated slices this way). */
    public Deposit withId(String id) {
        return new Deposit(id, caseNumber, referenceCpr, referenceName, addressLine, postalCode, city,
                digitalPostExempt, digitalPostAddress, spouseName, municipalityCode, legalBasis, securityForm,
                amountDkk, postedDate, permitGrantedDate, permanentResidenceDate, danishTest);
    }

    @Override
    public String toString() {
        return "Deposit[" + depositId + ", cpr " + PersonalData.maskCpr(referenceCpr) + "]";
    }
}
