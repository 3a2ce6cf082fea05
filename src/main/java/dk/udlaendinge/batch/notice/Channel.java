package dk.udlaendinge.batch.notice;

/** How a message travels. */
public enum Channel {
    DIGITAL, PAPER
}
