package dk.udlaendinge.batch.delivery;

/**
 * Digital or paper, and why paper: {@code SIZE} (the whole message is over the Digital
 * Post limit) or {@code EXEMPT} (the recipient is exempt from Digital Post).
 */
public record Routing(Channel channel, String reason) {

    public static final Routing DIGITAL = new Routing(Channel.DIGITAL, null);
    public static final Routing PAPER_SIZE = new Routing(Channel.PAPER, "SIZE");
    public static final Routing PAPER_EXEMPT = new Routing(Channel.PAPER, "EXEMPT");

    /** The rule of SPEC §3: exempt always paper; else digital at or under the limit. */
    public static Routing of(boolean exempt, long messageBytes, long limitBytes) {
        if (exempt) {
            return PAPER_EXEMPT;
        }
        return messageBytes <= limitBytes ? DIGITAL : PAPER_SIZE;
    }
}
