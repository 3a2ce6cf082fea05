package dk.udlaendinge.batch.delivery;

/**
 * Digital or paper, and why paper: {@code SIZE} (the whole message is over the Digital
 * Post limit), {@code ATTACHMENTS} (more files than the limit of the run date lets one
 * message carry) or {@code EXEMPT} (the recipient is exempt from Digital Post).
 */
public record Routing(Channel channel, String reason) {

    public static final Routing DIGITAL = new Routing(Channel.DIGITAL, null);

    public static final Routing PAPER_SIZE = new Routing(Channel.PAPER, "SIZE");

    public static final Routing PAPER_ATTACHMENTS = new Routing(Channel.PAPER, "ATTACHMENTS");

    public static final Routing PAPER_EXEMPT = new Routing(Channel.PAPER, "EXEMPT");

    /**
     * The rule of docs/RENEWAL-RULES.md §5: exempt always paper; else digital at or under
     * the limit.
     */
    public static Routing of(boolean exempt, long messageBytes, long limitBytes) {
        return of(exempt, messageBytes, 0, DigitalPostLimits.Limit.ofBytes(limitBytes));
    }

    /**
     * The rule of docs/RENEWAL-RULES.md §5 with the limit of the run date: exempt always
     * paper; then too many files; then too large; else digital. {@code attachments}
     * counts every file the message carries (the letter too).
     */
    public static Routing of(boolean exempt, long messageBytes, int attachments, DigitalPostLimits.Limit limit) {
        if (exempt) {
            return PAPER_EXEMPT;
        }
        if (attachments > limit.maxAttachments()) {
            return PAPER_ATTACHMENTS;
        }
        return messageBytes <= limit.maxBytes() ? DIGITAL : PAPER_SIZE;
    }
}
