package dk.udlaendinge.batch.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One MeMo message (docs/DIGITAL-POST.md) before it is written: who sends it to whom, its
 * label, and its documents, whose files are read only when the message is written
 * (measured, then sent), so a large case document is never held in memory. {@code key} is
 * the business key ({@link MessageKeys}) the {@code uuid} is derived from; neither holds
 * personal data. The recipient's id (a CPR number) does: it goes into the message and
 * nowhere else, and {@link #toString()} leaves it out.
 */
public record MemoMessage(String key, UUID uuid, String version, String label, Party sender, Party recipient,
        Instant created, Document main, List<Document> additional) {

    /** CPR: a citizen's ten digits; CVR: an organisation's eight. */
    public record Party(String id, String idType, String label) {

        @Override
        public String toString() {
            return "Party[" + idType + "]";
        }
    }

    /** A document of the message with its one file. */
    public record Document(String id, String label, Attachment file) {
    }

    public MemoMessage {
        additional = List.copyOf(additional);
    }

    /**
     * Every file the message carries: the main document's and each additional document's.
     */
    public int files() {
        return 1 + additional.size();
    }

    /** The file name in the outbox: the message's UUID, which holds no personal data. */
    public String fileName() {
        return uuid + ".xml";
    }

    @Override
    public String toString() {
        return "MemoMessage[" + key + ", " + uuid + ", " + files() + " file(s)]";
    }
}
