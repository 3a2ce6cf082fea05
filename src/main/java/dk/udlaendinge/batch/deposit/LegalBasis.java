package dk.udlaendinge.batch.deposit;

import java.util.Arrays;
import java.util.Optional;

/** The provision the residence permit was granted under (udlændingeloven). */
public enum LegalBasis {

    /** Udlændingelovens § 9, stk. 1, nr. 1 (spousal reunification). */
    SECTION_9_1_1("9-1-1"),
    /** Udlændingelovens § 9 c, stk. 1. */
    SECTION_9C_1("9c-1");

    private final String code;

    LegalBasis(String code) {
        this.code = code;
    }

    /** The registry's code, e.g. {@code 9-1-1}. */
    public String code() {
        return code;
    }

    public static Optional<LegalBasis> fromCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }

}
