package dk.udlaendinge.batch.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds the MeMo messages of the agency ({@code app.digital-post.memo}): the sender is
 * its CVR, and each message's UUID is derived from the same business key as the mail
 * Message-ID ({@link MessageComposer#messageId}), so the same notice always gets the same
 * UUID and a resend is recognisably the same message.
 */
public final class MemoComposer {

    public static final String CPR = "CPR";

    public static final String CVR = "CVR";

    private final MessageComposer mail;

    private final String version;

    private final MemoMessage.Party sender;

    public MemoComposer(MessageComposer mail, String version, String senderCvr, String senderLabel) {
        this.mail = mail;
        this.version = version;
        this.sender = new MemoMessage.Party(senderCvr, CVR, senderLabel);
    }

    /** A name-based UUID (RFC 4122 version 3) of the message's Message-ID. */
    public UUID uuid(String key) {
        return UUID.nameUUIDFromBytes(("MeMo " + mail.messageId(key)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * How every recorded MeMo id begins: what tells a notice sent as MeMo from one sent
     * as mail.
     */
    public static final String RECORDED_ID_PREFIX = "urn:uuid:";

    /** The id recorded for a sent MeMo message, where a mail's Message-ID is recorded. */
    public String recordedId(String key) {
        return RECORDED_ID_PREFIX + uuid(key);
    }

    /**
     * A message to a citizen: {@code cpr} as the registry holds it (DDMMYY-SSSS), sent as
     * its ten digits. Throws {@link InvalidRecipientException} (naming the key, never the
     * number) when it is not ten digits.
     */
    public MemoMessage toCitizen(String key, String label, String cpr, Instant created, MemoMessage.Document main,
            List<MemoMessage.Document> additional) {
        String digits = cpr == null ? "" : cpr.replace("-", "");
        if (!digits.matches("\\d{10}")) {
            throw new InvalidRecipientException(key, "a CPR number must be ten digits");
        }
        return new MemoMessage(key, uuid(key), version, label, sender, new MemoMessage.Party(digits, CPR, null),
                created, main, additional);
    }

    /** A message to an organisation (a municipality) by its eight-digit CVR number. */
    public MemoMessage toOrganisation(String key, String label, String cvr, String name, Instant created,
            MemoMessage.Document main, List<MemoMessage.Document> additional) {
        if (cvr == null || !cvr.matches("\\d{8}")) {
            throw new InvalidRecipientException(key, "a CVR number must be eight digits");
        }
        return new MemoMessage(key, uuid(key), version, label, sender, new MemoMessage.Party(cvr, CVR, name), created,
                main, additional);
    }

}
