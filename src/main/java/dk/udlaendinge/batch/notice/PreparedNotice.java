package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.mail.internet.MimeMessage;

import dk.udlaendinge.batch.delivery.MemoMessage;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * A rendered, measured and routed notice, ready to go: for Digital Post the MIME message
 * or (transport memo) the MeMo message, or the letter PDF for the paper batch.
 */
public record PreparedNotice(PendingNotice pending, boolean overdue, BigDecimal amount, Routing routing,
        long messageBytes, String messageId, MimeMessage message, byte[] letterPdf, MemoMessage memo) {

    @Override
    public String toString() {
        return "PreparedNotice[" + pending.noticeId() + ", " + routing.channel() + "]";
    }
}
