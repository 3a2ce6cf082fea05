package dk.udlaendinge.batch.notice;

import java.time.LocalDate;

import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.deposit.Deposit;

/** A selected notice that has not gone out yet, with its deposit. */
public record PendingNotice(long noticeId, LocalDate expiryDate, Deposit deposit) {

    /** The business key messages and files are named by; holds no personal data. */
    public String key() {
        return MessageKeys.notice(noticeId);
    }

    @Override
    public String toString() {
        return "PendingNotice[" + noticeId + "]";
    }
}
