package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.LegalBasis;
import dk.udlaendinge.batch.deposit.SecurityForm;

/**
 * What the renewal job records about notices. Sent and skipped marks are committed in their
 * own transaction, right after the side effect: mail is not transactional, so the record of
 * a sent message must not be rolled back with a chunk that fails later.
 */
public final class NoticeRecords {

    /** The deposit columns every notice query selects, for {@link #mapDeposit}. */
    public static final String DEPOSIT_COLUMNS = "d.deposit_id, d.case_number, d.reference_cpr, d.reference_name,"
            + " d.address_line, d.postal_code, d.city, d.digital_post_exempt, d.digital_post_address, d.spouse_name,"
            + " d.municipality_code, d.legal_basis, d.security_form, d.amount_dkk, d.posted_date,"
            + " d.permit_granted_date, d.permanent_residence_date, d.danish_test";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public NoticeRecords(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void markSent(PreparedNotice n, LocalDate runDate, Instant at) {
        ownTransaction.executeWithoutResult(s -> jdbc.update(
                "UPDATE renewal_notice SET status = 'SENT', overdue = ?, amount_dkk = ?, channel = ?, reason = ?,"
                        + " message_bytes = ?, message_id = ?, sent_run_date = ?, sent_at = ?, skip_reason = NULL"
                        + " WHERE notice_id = ? AND status <> 'SENT'",
                n.overdue(), n.amount(), n.routing().channel().name(), n.routing().reason(), n.messageBytes(),
                n.messageId(), Date.valueOf(runDate), Timestamp.from(at), n.pending().noticeId()));
    }

    public void markSkipped(long noticeId, String reason) {
        ownTransaction.executeWithoutResult(s -> jdbc.update(
                "UPDATE renewal_notice SET status = 'SKIPPED', skip_reason = ? WHERE notice_id = ? AND status <> 'SENT'",
                reason.length() > 500 ? reason.substring(0, 500) : reason, noticeId));
    }

    /**
     * A paper notice whose case document could not be put into the print batch was never
     * printed, so it is not sent: it goes back to waiting with its reason, and a later run
     * prepares it again.
     */
    public void unsendPaper(long noticeId, String reason) {
        ownTransaction.executeWithoutResult(s -> jdbc.update(
                "UPDATE renewal_notice SET status = 'SKIPPED', skip_reason = ?, channel = NULL, reason = NULL,"
                        + " message_bytes = NULL, message_id = NULL, sent_run_date = NULL, sent_at = NULL"
                        + " WHERE notice_id = ? AND channel = 'PAPER'",
                reason.length() > 500 ? reason.substring(0, 500) : reason, noticeId));
    }

    public List<Path> caseDocuments(String depositId) {
        return jdbc.query("SELECT path FROM case_document WHERE deposit_id = ? ORDER BY path",
                (rs, i) -> Path.of(rs.getString(1)), depositId);
    }

    /** The pending notices query: notice id, its expiry as {@code notice_expiry}, and the deposit. */
    public static final String PENDING_COLUMNS = "n.notice_id, n.expiry_date AS notice_expiry, " + DEPOSIT_COLUMNS;

    public static PendingNotice mapPending(ResultSet rs) throws SQLException {
        return new PendingNotice(rs.getLong("notice_id"), rs.getDate("notice_expiry").toLocalDate(), mapDeposit(rs));
    }

    public static Deposit mapDeposit(ResultSet rs) throws SQLException {
        Date permanent = rs.getDate("permanent_residence_date");
        return new Deposit(rs.getString("deposit_id"), rs.getString("case_number"), rs.getString("reference_cpr"),
                rs.getString("reference_name"), rs.getString("address_line"), rs.getString("postal_code"),
                rs.getString("city"), rs.getBoolean("digital_post_exempt"), rs.getString("digital_post_address"),
                rs.getString("spouse_name"), rs.getInt("municipality_code"),
                LegalBasis.fromCode(rs.getString("legal_basis")).orElseThrow(),
                SecurityForm.valueOf(rs.getString("security_form")), rs.getBigDecimal("amount_dkk"),
                rs.getDate("posted_date").toLocalDate(), rs.getDate("permit_granted_date").toLocalDate(),
                permanent == null ? null : permanent.toLocalDate(), DanishExam.valueOf(rs.getString("danish_test")));
    }
}
