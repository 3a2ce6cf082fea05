package dk.udlaendinge.batch.deposit;

/**
 * The highest Danish test the foreign spouse has passed, and the share of the full
 * security amount the municipality may reduce the security to on that account
 * (docs/RENEWAL-RULES.md §3, "The amount to renew"). The municipality decides; the
 * registry's amount_dkk says whether it did.
 */
public enum DanishExam {

    NONE(100),
    /** Danskprøve på A1-niveau. */
    A1(60),
    /** Danskprøve på A2-niveau. */
    A2(40),
    /** Final test of the Danish course (afsluttende prøve). */
    FINAL(20),
    /** Prøve i Dansk 3. */
    PD3(20),
    /** Studieprøven. */
    STUDIEPROEVEN(20);

    private final int sharePercent;

    DanishExam(int sharePercent) {
        this.sharePercent = sharePercent;
    }

    public int sharePercent() {
        return sharePercent;
    }

}
