package dk.udlaendinge.batch.delivery;

/** How a message travels. */
public enum Channel {

    DIGITAL, PAPER

}
