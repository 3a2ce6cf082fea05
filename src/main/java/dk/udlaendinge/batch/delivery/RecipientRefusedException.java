package dk.udlaendinge.batch.delivery;

/**
 * The gateway refused one message for good: its recipient (a closed Digital Post mailbox,
 * an address that does not exist) or the message itself, in a way no retry changes.
 * Transport neutral: the SMTP gateway throws it for a 5xx reply to {@code RCPT TO} or to
 * the message's data; another transport (a MeMo HTTP gateway) throws it for its own
 * permanent refusals. The caller skips that one message (the renewal job: within its skip
 * budget, see {@code notice.NoticeDispatch}) and goes on with the next; it is not a
 * gateway outage, which stays a {@link GatewayUnavailableException} and fails the step.
 *
 * <p>
 * Carries no cause and no text of the gateway's reply, which quotes the recipient's
 * address (personal data): only the message key and the reply's codes, such as
 * {@code 550 5.1.1}.
 */
public class RecipientRefusedException extends RuntimeException {

    private final String key;

    private final String code;

    private final String detail;

    /**
     * @param gateway which gateway refused ({@link MailGateway#description()})
     * @param key the message key
     * @param code the refusal's codes, digits and dots only (for example
     * {@code 550 5.1.1})
     */
    public RecipientRefusedException(String gateway, String key, String code) {
        super(gateway + " refused message " + key + " for good (" + code + ")");
        this.key = key;
        this.code = code;
        this.detail = code;
    }

    /**
     * For a transport whose refusal carries more than codes: {@code detail} is what the
     * skip reason quotes.
     */
    protected RecipientRefusedException(String message, String key, String code, String detail) {
        super(message);
        this.key = key;
        this.code = code;
        this.detail = detail;
    }

    public String key() {
        return key;
    }

    /** The refusal's codes, for example {@code 550 5.1.1}: never the gateway's text. */
    public String code() {
        return code;
    }

    /**
     * What the skip reason quotes: the codes, and a receiver's own reason where it gives
     * one (masked).
     */
    public String detail() {
        return detail;
    }

}
