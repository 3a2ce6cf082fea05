package dk.udlaendinge.batch.delivery;

/**
 * The MeMo receiver refused one message for good (a MeMo receiver's 4xx other than 408
 * and 429): sending it again will not help, the other messages may go. The job skips the
 * notice with this text as its reason, within the skip budget, as for a mail gateway's
 * permanent refusal (its superclass). The text names the message key, the HTTP status and
 * the receiver's reason (shortened, CPR-like numbers masked), never the recipient.
 */
public class MessageRefusedException extends RecipientRefusedException {

    private static final String WORDING = "the Digital Post receiver refused message";

    private final int status;

    public MessageRefusedException(String key, int status, String reason) {
        super(WORDING + " " + key + " with HTTP " + status + (reason == null || reason.isBlank() ? "" : ": " + reason),
                key, "HTTP " + status, "HTTP " + status + (reason == null || reason.isBlank() ? "" : ": " + reason));
        this.status = status;
    }

    public int status() {
        return status;
    }

}
