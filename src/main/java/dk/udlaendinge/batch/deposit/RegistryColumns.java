package dk.udlaendinge.batch.deposit;

import java.util.List;

/** The registry import CSV's columns, in the order SPEC §1 fixes. */
public final class RegistryColumns {

    public static final List<String> NAMES = List.of(
            "deposit_id", "case_number", "reference_cpr", "reference_name", "address_line", "postal_code",
            "city", "digital_post_exempt", "digital_post_address", "spouse_name", "municipality_code",
            "legal_basis", "security_form", "amount_dkk", "posted_date", "permit_granted_date",
            "permanent_residence_date", "danish_test");

    public static final List<String> DOCUMENT_NAMES = List.of("deposit_id", "path");

    private RegistryColumns() {
    }
}
