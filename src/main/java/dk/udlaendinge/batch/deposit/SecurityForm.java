package dk.udlaendinge.batch.deposit;

/** How the security is posted. */
public enum SecurityForm {

    /** A bank's demand guarantee (anfordringsgaranti). */
    BANK_GUARANTEE,
    /** A deposit account pledged to the municipality (pantsat indlånskonto). */
    PLEDGED_ACCOUNT

}
