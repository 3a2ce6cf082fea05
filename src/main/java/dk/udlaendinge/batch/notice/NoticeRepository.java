package dk.udlaendinge.batch.notice;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.LegalBasis;
import dk.udlaendinge.batch.deposit.ReleaseReason;
import dk.udlaendinge.batch.deposit.SecurityForm;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * The renewal notices and the queries about them: the one home of the due-deposit
 * condition and the pending-notice condition, each written once with named parameters,
 * and of every state change of a notice. Sent and skipped marks are committed in their
 * own transaction, right after the side effect: mail is not transactional, so the record
 * of a sent message must not be rolled back with a chunk that fails later.
 */
public final class NoticeRepository {

    /**
     * SQL: a {@code renewal_notice} row whose message went as MeMo
     * (docs/DIGITAL-POST.md); a mail is recorded under its Message-ID. The one place
     * status, summary and console ask it.
     */
    public static final String SENT_AS_MEMO = "message_id LIKE '" + MemoComposer.RECORDED_ID_PREFIX + "%'";

    /**
     * Deposits due a notice (docs/RENEWAL-RULES.md §2) in a range of municipalities, as
     * far as the registry's stored columns tell: {@code renewable} (the rule set renews
     * it and its end is short of the years in all), {@code expiry_date} (the end it runs
     * to) and {@code extend_until} (start + the years in all: after it no security is
     * required) are derived from the same {@link SecurityRules} when a deposit is
     * written; a release of any kind, or permanent residence, on or before the run date
     * stops it ({@code RenewalRule}). Parameters: {@code firstRenewal}, {@code horizon},
     * {@code fromCode}, {@code toCode}, {@code runDate}.
     */
    static final String DUE = "d.municipality_code BETWEEN :fromCode AND :toCode"
            + " AND d.renewable = TRUE AND d.expiry_date BETWEEN :firstRenewal AND :horizon"
            + " AND d.extend_until > :runDate"
            + " AND (d.permanent_residence_date IS NULL OR d.permanent_residence_date > :runDate)"
            + " AND (d.released_date IS NULL OR d.released_date > :runDate)"
            + " AND NOT EXISTS (SELECT 1 FROM renewal_notice n"
            + " WHERE n.deposit_id = d.deposit_id AND n.expiry_date = d.expiry_date)";

    /**
     * Notices pending in a range of municipalities: selected by this run or an earlier
     * one and not sent (a skipped notice is tried again). Parameters: {@code runDate},
     * {@code fromCode}, {@code toCode}.
     */
    static final String PENDING = "n.status IN ('SELECTED', 'SKIPPED') AND n.selected_run_date <= :runDate"
            + " AND n.municipality_code BETWEEN :fromCode AND :toCode";

    /**
     * How long the send step may spend weighing its municipalities before its first
     * notice.
     */
    static final int WEIGH_SECONDS = 1;

    private static final Logger log = LoggerFactory.getLogger(NoticeRepository.class);

    /** Kommunekoder are three digits: this range holds every municipality. */
    private static final int ALL_FROM = 0;

    private static final int ALL_TO = 9999;

    /** The deposit columns every notice query selects, for {@link #mapDeposit}. */
    private static final String DEPOSIT_COLUMNS = "d.deposit_id, d.case_number, d.reference_cpr, d.reference_name,"
            + " d.address_line, d.postal_code, d.city, d.digital_post_exempt, d.digital_post_address, d.spouse_name,"
            + " d.municipality_code, d.legal_basis, d.security_form, d.amount_dkk, d.posted_date,"
            + " d.permit_granted_date, d.permanent_residence_date, d.danish_test, d.application_date, d.valid_until,"
            + " d.released_date, d.release_reason";

    private final JdbcTemplate jdbc;

    private final NamedParameterJdbcTemplate named;

    private final TransactionTemplate ownTransaction;

    public NoticeRepository(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // --- due deposits
    // ---------------------------------------------------------------------

    private static MapSqlParameterSource due(LocalDate runDate, LocalDate horizon, int fromCode, int toCode) {
        return new MapSqlParameterSource().addValue("firstRenewal", Date.valueOf(SecurityRules.FIRST_RENEWAL))
            .addValue("horizon", Date.valueOf(horizon))
            .addValue("fromCode", fromCode)
            .addValue("toCode", toCode)
            .addValue("runDate", Date.valueOf(runDate));
    }

    /**
     * The ids of municipality {@code code}'s next {@code size} deposits after
     * {@code after} (from its first when null), in id order: the bounds of one window of
     * the registry. A bounded range of {@code deposit_municipality_id_idx}, however large
     * the registry.
     */
    public List<String> depositWindow(int code, String after, int size) {
        return jdbc.queryForList(
                "SELECT deposit_id FROM deposit WHERE municipality_code = ?"
                        + (after == null ? "" : " AND deposit_id > ?") + " ORDER BY deposit_id FETCH FIRST "
                        + Math.max(1, size) + " ROWS ONLY",
                String.class, after == null ? new Object[] { code } : new Object[] { code, after });
    }

    /**
     * Records the due deposits of one window of municipality {@code code}'s registry (ids
     * after {@code after}, or from the first when null, up to and including {@code last})
     * as selected notices, in one statement committed in its own transaction, so that the
     * window's notices can be read and sent at once and a failure later in the chunk does
     * not undo the selection. Notice ids follow the deposit ids. The NOT EXISTS in
     * {@link #DUE} leaves out what an earlier attempt selected: running a window again
     * selects nothing twice. Returns how many were selected.
     */
    public int selectDueWindow(LocalDate runDate, LocalDate horizon, int code, String after, String last) {
        String sql = "INSERT INTO renewal_notice (deposit_id, expiry_date, municipality_code,"
                + " selected_run_date, status, extend_until) SELECT d.deposit_id, d.expiry_date, d.municipality_code,"
                + " :runDate, 'SELECTED', d.extend_until FROM deposit d WHERE " + depositRange("d", after) + " AND "
                + DUE + " ORDER BY d.deposit_id";
        MapSqlParameterSource p = due(runDate, horizon, code, code).addValue("code", code)
            .addValue("after", after)
            .addValue("last", last);
        Integer selected = ownTransaction.execute(s -> named.update(sql, p));
        return selected == null ? 0 : selected;
    }

    /**
     * One window of a municipality's registry, on the deposit ids of table alias
     * {@code t}.
     */
    private static String depositRange(String t, String after) {
        return t + ".municipality_code = :code" + (after == null ? "" : " AND " + t + ".deposit_id > :after") + " AND "
                + t + ".deposit_id <= :last";
    }

    /**
     * The work of each municipality for this run (kommunekode to count): its deposits due
     * a notice and its notices pending, in one grouped count, for the send step's ranges
     * and its progress line; an estimate taken once when the step splits. Empty when the
     * count takes longer than {@value #WEIGH_SECONDS} s: the count reads every due
     * deposit's row, which on a large HSQLDB registry took 4–7 s (350,000 deposits, load
     * 6), and the first notice waits for it; without weights the ranges are split by
     * count of municipalities instead.
     */
    public Map<Integer, Long> workPerMunicipality(LocalDate runDate, LocalDate horizon) {
        JdbcTemplate bounded = new JdbcTemplate(jdbc.getDataSource());
        bounded.setQueryTimeout(WEIGH_SECONDS);
        Map<Integer, Long> counts = new HashMap<>();
        try {
            new NamedParameterJdbcTemplate(bounded)
                .query("SELECT code, COUNT(*) FROM (SELECT d.municipality_code AS code" + " FROM deposit d WHERE " + DUE
                        + " UNION ALL SELECT n.municipality_code AS code FROM renewal_notice n" + " WHERE " + PENDING
                        + ") w GROUP BY code", due(runDate, horizon, ALL_FROM, ALL_TO), rs -> {
                            counts.put(rs.getInt(1), rs.getLong(2));
                        });
        }
        catch (DataAccessException e) {
            // a timeout, as HSQLDB and PostgreSQL report it; any other failure shows at
            // the first window
            log.info("Weighing the municipalities took over {} s ({}): the send ranges split by count of"
                    + " municipalities, progress without a total", WEIGH_SECONDS, e.getClass().getSimpleName());
            return Map.of();
        }
        return counts;
    }

    public long countDue(LocalDate runDate, LocalDate horizon, int fromCode, int toCode) {
        return count("SELECT COUNT(*) FROM deposit d WHERE " + DUE, due(runDate, horizon, fromCode, toCode));
    }

    // --- pending notices
    // ------------------------------------------------------------------

    private static MapSqlParameterSource pending(LocalDate runDate, int fromCode, int toCode) {
        return new MapSqlParameterSource().addValue("runDate", Date.valueOf(runDate))
            .addValue("fromCode", fromCode)
            .addValue("toCode", toCode);
    }

    public long countPending(LocalDate runDate, int fromCode, int toCode) {
        return count("SELECT COUNT(*) FROM renewal_notice n WHERE " + PENDING, pending(runDate, fromCode, toCode));
    }

    /**
     * The lowest and highest pending notice id of a range, or null when nothing is
     * pending.
     */
    public long[] pendingBounds(LocalDate runDate, int fromCode, int toCode) {
        Map<String, Object> b = named.queryForMap(
                "SELECT MIN(n.notice_id) AS lo, MAX(n.notice_id) AS hi" + " FROM renewal_notice n WHERE " + PENDING,
                pending(runDate, fromCode, toCode));
        Number lo = (Number) b.get("lo");
        Number hi = (Number) b.get("hi");
        return lo == null || hi == null ? null : new long[] { lo.longValue(), hi.longValue() };
    }

    /**
     * The pending notices of a range with ids from {@code lo} to {@code hi}, in id order,
     * each with its deposit and case documents: two queries for the whole window, not one
     * more per notice for its documents.
     */
    public List<PendingNotice> pendingWindow(long lo, long hi, LocalDate runDate, int fromCode, int toCode) {
        return withDeposits(" WHERE n.notice_id BETWEEN :lo AND :hi AND " + PENDING,
                pending(runDate, fromCode, toCode).addValue("lo", lo).addValue("hi", hi));
    }

    /**
     * The pending notices of one window of municipality {@code code}'s registry (deposit
     * ids as in {@link #selectDueWindow}) with a notice id above {@code aboveNoticeId},
     * in id order, each with its deposit and case documents. The id bound leaves out what
     * the partition read before its first window (earlier runs' notices, an earlier
     * attempt's), so a notice skipped there is not read again here; the municipality
     * bound leaves out other partitions' notices, whose ids interleave with these.
     */
    public List<PendingNotice> selectedWindow(LocalDate runDate, int code, String after, String last,
            long aboveNoticeId) {
        return withDeposits(" WHERE " + depositRange("n", after) + " AND n.notice_id > :above AND " + PENDING,
                pending(runDate, code, code).addValue("code", code)
                    .addValue("above", aboveNoticeId)
                    .addValue("after", after)
                    .addValue("last", last));
    }

    /**
     * The notices a condition on {@code n} finds, in id order: two queries, not one more
     * per notice for its documents.
     */
    private List<PendingNotice> withDeposits(String where, MapSqlParameterSource p) {
        Map<String, List<StoredDocument>> documents = new HashMap<>();
        named.query("SELECT c.deposit_id, c.path, c.source_line FROM renewal_notice n JOIN case_document c"
                + " ON c.deposit_id = n.deposit_id" + where + " ORDER BY c.deposit_id, c.path", p, rs -> {
                    List<StoredDocument> of = documents.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    of.add(storedDocument(rs, of.size() + 1));
                });
        List<PendingNotice> notices = new ArrayList<>();
        named.query("SELECT n.notice_id, n.expiry_date AS notice_expiry, " + DEPOSIT_COLUMNS
                + " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id" + where
                + " ORDER BY n.notice_id", p, rs -> {
                    Deposit d = mapDeposit(rs);
                    notices.add(new PendingNotice(rs.getLong("notice_id"), rs.getDate("notice_expiry").toLocalDate(), d,
                            documents.getOrDefault(d.depositId(), List.of())));
                });
        return notices;
    }

    /**
     * What a run on {@code runDate} would send, for the dry run: every deposit due by the
     * registry's columns (not yet a notice, id null) and every pending notice, each with
     * its deposit. The rule's final word on a due deposit is the caller's.
     */
    public void forEachCandidate(LocalDate runDate, LocalDate horizon, CandidateHandler handler) {
        MapSqlParameterSource p = due(runDate, horizon, ALL_FROM, ALL_TO);
        named.query("SELECT NULL AS notice_id, d.expiry_date AS notice_expiry, " + DEPOSIT_COLUMNS
                + " FROM deposit d WHERE " + DUE + " UNION ALL SELECT n.notice_id, n.expiry_date, " + DEPOSIT_COLUMNS
                + " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id WHERE " + PENDING, p, rs -> {
                    handler.candidate(rs.getObject("notice_id") == null ? null : rs.getLong("notice_id"),
                            rs.getDate("notice_expiry").toLocalDate(), mapDeposit(rs));
                });
    }

    /**
     * A dry-run candidate: {@code noticeId} is null for a deposit that is not a notice
     * yet.
     */
    @FunctionalInterface
    public interface CandidateHandler {

        void candidate(Long noticeId, LocalDate expiry, Deposit deposit);

    }

    /**
     * The first {@code limit} notices of any status, in id order, with their documents
     * (the benchmark's sample).
     */
    public List<PendingNotice> firstNotices(int limit) {
        List<PendingNotice> notices = new ArrayList<>();
        jdbc.query("SELECT n.notice_id, n.expiry_date AS notice_expiry, " + DEPOSIT_COLUMNS
                + " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id ORDER BY n.notice_id"
                + " FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY", rs -> {
                    Deposit d = mapDeposit(rs);
                    notices.add(new PendingNotice(rs.getLong("notice_id"), rs.getDate("notice_expiry").toLocalDate(), d,
                            List.of()));
                });
        List<PendingNotice> withDocuments = new ArrayList<>(notices.size());
        for (PendingNotice n : notices) {
            withDocuments.add(new PendingNotice(n.noticeId(), n.expiryDate(), n.deposit(),
                    caseDocuments(n.deposit().depositId())));
        }
        return withDocuments;
    }

    // --- state changes
    // --------------------------------------------------------------------

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
     * printed, so it is not sent: it goes back to waiting with its reason, and a later
     * run prepares it again.
     */
    public void unsendPaper(long noticeId, String reason) {
        ownTransaction.executeWithoutResult(s -> jdbc.update(
                "UPDATE renewal_notice SET status = 'SKIPPED', skip_reason = ?, channel = NULL, reason = NULL,"
                        + " message_bytes = NULL, message_id = NULL, sent_run_date = NULL, sent_at = NULL"
                        + " WHERE notice_id = ? AND channel = 'PAPER'",
                reason.length() > 500 ? reason.substring(0, 500) : reason, noticeId));
    }

    public List<StoredDocument> caseDocuments(String depositId) {
        return jdbc.query("SELECT deposit_id, path, source_line FROM case_document WHERE deposit_id = ? ORDER BY path",
                (rs, i) -> storedDocument(rs, i + 1), depositId);
    }

    private static StoredDocument storedDocument(ResultSet rs, int position) throws SQLException {
        Path path = Path.of(rs.getString(2));
        long line = rs.getLong(3);
        return new StoredDocument(path, rs.wasNull() ? null : line, position);
    }

    // --- mapping
    // --------------------------------------------------------------------------

    private long count(String sql, MapSqlParameterSource p) {
        Long n = named.queryForObject(sql, p, Long.class);
        return n == null ? 0 : n;
    }

    static Deposit mapDeposit(ResultSet rs) throws SQLException {
        String reason = rs.getString("release_reason");
        return new Deposit(rs.getString("deposit_id"), rs.getString("case_number"), rs.getString("reference_cpr"),
                rs.getString("reference_name"), rs.getString("address_line"), rs.getString("postal_code"),
                rs.getString("city"), rs.getBoolean("digital_post_exempt"), rs.getString("digital_post_address"),
                rs.getString("spouse_name"), rs.getInt("municipality_code"),
                LegalBasis.fromCode(rs.getString("legal_basis")).orElseThrow(),
                SecurityForm.valueOf(rs.getString("security_form")), rs.getBigDecimal("amount_dkk"),
                rs.getDate("posted_date").toLocalDate(), rs.getDate("permit_granted_date").toLocalDate(),
                date(rs, "permanent_residence_date"), DanishExam.valueOf(rs.getString("danish_test")),
                date(rs, "application_date"), date(rs, "valid_until"), date(rs, "released_date"),
                reason == null ? null : ReleaseReason.valueOf(reason));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    /** A notice a run sent, as its journal lists it (JournalWriter). */
    record JournalLine(long noticeId, String depositId, int municipalityCode, LocalDate expiry, boolean overdue,
            java.math.BigDecimal amount, String channel, String reason, long messageBytes, LocalDate extendUntil,
            String messageId) {
    }

    /** Each notice a run date sent, by notice id. */
    void forEachSent(LocalDate runDate, java.util.function.Consumer<JournalLine> each) {
        jdbc.query("SELECT notice_id, deposit_id, municipality_code, expiry_date, overdue, amount_dkk, channel,"
                + " reason, message_bytes, extend_until, message_id FROM renewal_notice WHERE sent_run_date = ?"
                + " ORDER BY notice_id", rs -> {
                    each.accept(new JournalLine(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            rs.getDate(4).toLocalDate(), rs.getBoolean(5), rs.getBigDecimal(6), rs.getString(7),
                            rs.getString(8), rs.getLong(9),
                            rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), rs.getString(11)));
                }, Date.valueOf(runDate));
    }

    /**
     * The municipalities with notices sent on a run date whose list has not been sent
     * yet, by kommunekode.
     */
    List<Integer> municipalitiesAwaitingTheirList(LocalDate runDate) {
        return jdbc.queryForList("SELECT DISTINCT n.municipality_code FROM renewal_notice n"
                + " WHERE n.sent_run_date = ? AND NOT EXISTS (SELECT 1 FROM municipality_list l"
                + " WHERE l.run_date = n.sent_run_date AND l.municipality_code = n.municipality_code)"
                + " ORDER BY n.municipality_code", Integer.class, Date.valueOf(runDate));
    }

    /**
     * A municipality's list for a run date, in a fixed order (a split must cut it the
     * same way every time).
     */
    List<MunicipalityListWorkbook.Line> listLines(LocalDate runDate, int code) {
        return jdbc.query("SELECT d.case_number, d.reference_name, d.spouse_name,"
                + " n.expiry_date, n.overdue, n.amount_dkk, n.channel FROM renewal_notice n"
                + " JOIN deposit d ON d.deposit_id = n.deposit_id"
                + " WHERE n.sent_run_date = ? AND n.municipality_code = ? ORDER BY n.expiry_date, d.case_number, n.notice_id",
                (rs, i) -> new MunicipalityListWorkbook.Line(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getBoolean(5), rs.getBigDecimal(6),
                        dk.udlaendinge.batch.delivery.Channel.valueOf(rs.getString(7))),
                Date.valueOf(runDate), code);
    }

    /** A paper notice of a run date as the print batch lists it (PrintBatchAssembly). */
    record PaperNotice(long noticeId, String depositId, String name, String address, String reason, String caseNumber,
            boolean overdue) {
    }

    /** The notices a run date sent on paper, by notice id. */
    List<PaperNotice> paperNotices(LocalDate runDate) {
        return jdbc.query(
                "SELECT n.notice_id, n.deposit_id, d.reference_name, d.address_line,"
                        + " d.postal_code, d.city, n.reason, d.case_number, n.overdue"
                        + " FROM renewal_notice n JOIN deposit d ON d.deposit_id = n.deposit_id"
                        + " WHERE n.sent_run_date = ? AND n.channel = 'PAPER' ORDER BY n.notice_id",
                (rs, i) -> new PaperNotice(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) + ", " + rs.getString(5) + " " + rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getBoolean(9)),
                Date.valueOf(runDate));
    }

}
