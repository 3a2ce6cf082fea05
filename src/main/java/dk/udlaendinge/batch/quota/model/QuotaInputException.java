package dk.udlaendinge.batch.quota.model;

/**
 * Input that the quota method refuses (docs/QUOTA-KEY.md, "Inputs for quota year Y"). The
 * message names the file, the line and the municipality or region, and is meant for the
 * operator as is.
 */
public class QuotaInputException extends RuntimeException {

    public QuotaInputException(String message) {
        super(message);
    }

}
