package dk.udlaendinge.batch.deposit;

/**
 * Why a security was released (docs/REGISTRY.md, {@code release_reason}). Besides
 * permanent residence, a new permit on another basis, the foreigner's departure after the
 * permit ended, and death release a security; divorce alone does not (KL's guidance
 * "Ophør af sikkerhedsstillelse"; nyidanmark.dk "Økonomisk sikkerhedsstillelse –
 * Nedsættelse og frigivelse"). See docs/RENEWAL-RULES.md.
 */
public enum ReleaseReason {

    /** Tidsubegrænset (permanent) opholdstilladelse. */
    PERMANENT_RESIDENCE,
    /** A new residence permit on another basis. */
    NEW_BASIS,
    /**
     * The permit expired, lapsed, was revoked or refused extension, and the foreigner has
     * left.
     */
    DEPARTED,
    /** The foreigner died. */
    DECEASED

}
