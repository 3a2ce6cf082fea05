package dk.udlaendinge.batch.notice;

import java.time.LocalDate;

/** The few fields of a deposit the select step needs; no personal data. */
public record DueDeposit(String depositId, int municipalityCode, LocalDate postedDate, LocalDate permitGrantedDate,
        LocalDate permanentResidenceDate, LocalDate expiryDate) {
}
