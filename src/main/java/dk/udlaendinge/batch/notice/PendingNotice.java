package dk.udlaendinge.batch.notice;

import java.time.LocalDate;
import java.util.List;

import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.deposit.Deposit;

/**
 * A selected notice that has not gone out yet, with its deposit and the paths of its case
 * documents as the registry lists them (checked again when they are opened).
 */
public record PendingNotice(long noticeId, LocalDate expiryDate, Deposit deposit, List<StoredDocument> documents) {

    public PendingNotice {
        documents = List.copyOf(documents);
    }

    /** The business key messages and files are named by; holds no personal data. */
    public String key() {
        return MessageKeys.notice(noticeId);
    }

    @Override
    public String toString() {
        return "PendingNotice[" + noticeId + "]";
    }
}
