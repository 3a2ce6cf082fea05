package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import dk.udlaendinge.batch.common.Municipalities;

import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Oversize;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Purpose;

/**
 * Delivers one shipment to a municipality (a renewal list, a quota workbook) the way the
 * municipality chose: whole to the purpose's mailbox when it fits Digital Post
 * ({@link Routing}), else by its {@link Oversize} choice. Shared by both jobs, so both
 * follow one rule.
 *
 * <p>
 * Every message (every part of a split) is recorded in {@code municipal_shipment} under
 * {@code (shipment_key, part_no)} in its own transaction right after the gateway took it;
 * a restart sends only the parts not recorded. The way and the number of parts are
 * decided from the content alone, and a restart keeps what the first attempt recorded, so
 * part 2 of 3 is the same rows with the same Message-ID every time.
 */
public final class MunicipalShipments {

    private static final Logger log = LoggerFactory.getLogger(MunicipalShipments.class);

    /** What happened to a shipment; recorded per part. */
    public enum Way {

        /** whole, to the purpose's mailbox, within the limit */
        DIGITAL,
        /** over the limit: printed with the paper post (reason SIZE) */
        PAPER,
        /** over the limit: several Digital Post messages, each within it */
        SPLIT,
        /**
         * over the limit: whole, to the address the municipality gave for large shipments
         */
        ALTERNATIVE_ADDRESS

    }

    /**
     * The content of a shipment in rows that may be divided between messages.
     * {@code rows()} of 1 means it cannot be divided (a split then falls back to paper).
     */
    public interface Content {

        int rows();

        /** The whole content, as one attachment. */
        Attachment whole();

        /**
         * Rows {@code [from, to)} as a complete file of their own, marked as part
         * {@code part} of {@code parts}.
         */
        Attachment part(int from, int to, int part, int parts);

    }

    /**
     * One shipment. {@code key} is its business key (the Message-ID of a whole message);
     * a part's key is {@code <key>-part-<i>-of-<n>}.
     */
    public record Shipment(String key, int municipalityCode, Purpose purpose, String subject, String text,
            Content content, Path outbox, LocalDate on) {

        /**
         * A shipment sent under the Digital Post limit of today (a quota workbook: the
         * day it goes out).
         */
        public Shipment(String key, int municipalityCode, Purpose purpose, String subject, String text, Content content,
                Path outbox) {
            this(key, municipalityCode, purpose, subject, text, content, outbox, null);
        }
    }

    /**
     * The outcome: the way, how many messages (parts) it took, and the largest message's
     * size.
     */
    public record Outcome(Way way, int parts, long bytes, String recipient) {
    }

    private record Recorded(int partNo, int partCount, Way way, String recipient, long bytes) {
    }

    private final MailGateway gateway;

    private final MessageComposer composer;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate ownTransaction;

    private final MunicipalMailboxes mailboxes;

    private final DigitalPostLimits limits;

    private final Clock clock;

    private MemoComposer memoComposer;

    private MemoGateway memoGateway;

    /**
     * With the MeMo transport: a municipality with a CVR number configured gets its
     * shipments as MeMo messages to that CVR; one without keeps the mail route.
     */
    public MunicipalShipments withMemo(MemoComposer composer, MemoGateway gateway) {
        this.memoComposer = composer;
        this.memoGateway = gateway;
        return this;
    }

    /** One limit for every date (tests). */
    public MunicipalShipments(MailGateway gateway, MessageComposer composer, JdbcTemplate jdbc,
            PlatformTransactionManager tx, MunicipalMailboxes mailboxes, long limitBytes, Clock clock) {
        this(gateway, composer, jdbc, tx, mailboxes,
                new DigitalPostLimits(List
                    .of(new DigitalPostSettings.DatedLimit(null, DataSize.ofBytes(limitBytes), null, "one limit"))),
                clock);
    }

    /**
     * The limit of a shipment's date decides ({@link Shipment#on}), as for the notices of
     * that run.
     */
    public MunicipalShipments(MailGateway gateway, MessageComposer composer, JdbcTemplate jdbc,
            PlatformTransactionManager tx, MunicipalMailboxes mailboxes, DigitalPostLimits limits, Clock clock) {
        this.gateway = gateway;
        this.composer = composer;
        this.jdbc = jdbc;
        this.ownTransaction = tx == null ? null : new TransactionTemplate(tx);
        if (ownTransaction != null) {
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }
        this.mailboxes = mailboxes;
        this.limits = limits;
        this.clock = clock;
    }

    public MunicipalMailboxes mailboxes() {
        return mailboxes;
    }

    /** The limit in bytes of a whole message sent on {@code date} (null: today). */
    public long limitBytes(LocalDate date) {
        return limits.on(date == null ? LocalDate.now(clock) : date).maxBytes();
    }

    public static String partKey(String key, int part, int parts) {
        return key + "-part-" + part + "-of-" + parts;
    }

    /** Delivers what is not yet recorded of {@code s}. */
    public Outcome ship(Shipment s) {
        int code = s.municipalityCode();
        Map<Integer, Recorded> recorded = recorded(s.key());
        String cvr = memoGateway == null ? null : mailboxes.cvr(code);
        if (cvr != null) {
            return shipMemo(s, cvr, recorded);
        }
        String mailbox = mailboxes.mailbox(code, s.purpose());
        MimeMessage whole = composer.compose(message(s.key(), mailbox, s.subject(), s.text(), s.content().whole()),
                clock.instant());
        long bytes = MessageComposer.measure(whole);
        Way way = recorded.isEmpty() ? decide(s, bytes) : recorded.values().iterator().next().way();
        switch (way) {
            case DIGITAL -> {
                if (recorded.isEmpty()) {
                    gateway.send(whole, s.key(), s.outbox());
                    record(s, 1, 1, way, mailbox, 0, s.content().rows(), bytes);
                }
                return new Outcome(way, 1, bytes, mailbox);
            }
            case PAPER -> {
                if (recorded.isEmpty()) {
                    record(s, 1, 1, way, null, 0, s.content().rows(), bytes);
                }
                return new Outcome(way, 1, bytes, null);
            }
            case ALTERNATIVE_ADDRESS -> {
                String address = recorded.isEmpty() ? mailboxes.oversizeAddress(code) : recorded.get(1).recipient();
                if (recorded.isEmpty()) {
                    MimeMessage alt = composer.compose(
                            message(s.key(), address, s.subject(), s.text(), s.content().whole()), clock.instant());
                    bytes = MessageComposer.measure(alt);
                    gateway.send(alt, s.key(), s.outbox());
                    record(s, 1, 1, way, address, 0, s.content().rows(), bytes);
                    log.info("Shipment {} is over the Digital Post limit; sent whole to municipality {}'s address for"
                            + " large shipments, {} ({} bytes)", s.key(), code, address, bytes);
                }
                return new Outcome(way, 1, bytes, address);
            }
            case SPLIT -> {
                int parts = recorded.isEmpty() ? splitInto(s, mailbox)
                        : recorded.values().iterator().next().partCount();
                if (parts == 0) {
                    log.warn(
                            "Shipment {} is {} bytes, over the Digital Post limit of {}, and municipality {} chose SPLIT,"
                                    + " but {}; it goes on paper (reason SIZE)",
                            s.key(), bytes, limitBytes(s.on()), code,
                            s.content().rows() == 1 ? "it is one file that cannot be divided"
                                    : "a single row does not fit in one message");
                    record(s, 1, 1, Way.PAPER, null, 0, s.content().rows(), bytes);
                    return new Outcome(Way.PAPER, 1, bytes, null);
                }
                return sendParts(s, mailbox, parts, recorded);
            }
            default -> throw new IllegalStateException("unknown way " + way);
        }
    }

    /**
     * The MeMo route: the whole content as one MeMo message to the municipality's CVR
     * when it is within the limit of the shipment's date; over it, paper (reason SIZE),
     * because the split and the alternative address are mail arrangements. Recorded like
     * a mail, with the message's UUID.
     */
    private Outcome shipMemo(Shipment s, String cvr, Map<Integer, Recorded> recorded) {
        String name = Municipalities.all().get(s.municipalityCode()).name() + " Kommune";
        Attachment whole = s.content().whole();
        MemoMessage message = memoComposer.toOrganisation(s.key(), s.subject(), cvr, name, clock.instant(),
                new MemoMessage.Document("bilag", s.subject(), whole), List.of());
        long bytes = MemoWriter.measure(message);
        String recipient = "CVR " + cvr;
        Way way = recorded.isEmpty()
                ? Routing.of(false, bytes, 1, limits.on(s.on() == null ? LocalDate.now(clock) : s.on()))
                    .channel() == Channel.DIGITAL ? Way.DIGITAL : Way.PAPER
                : recorded.values().iterator().next().way();
        if (recorded.isEmpty()) {
            if (way == Way.DIGITAL) {
                memoGateway.deliver(message, s.outbox());
            }
            else {
                log.info("Shipment {} is {} bytes as a MeMo message, over the Digital Post limit of {}: on paper"
                        + " (reason SIZE)", s.key(), bytes, limitBytes(s.on()));
            }
            record(s, 1, 1, way, way == Way.DIGITAL ? recipient : null, 0, s.content().rows(), bytes,
                    memoComposer.recordedId(s.key()));
        }
        return new Outcome(way, 1, bytes, way == Way.DIGITAL ? recipient : null);
    }

    private Way decide(Shipment s, long bytes) {
        long limitBytes = limitBytes(s.on());
        if (Routing.of(false, bytes, limitBytes).channel() == Channel.DIGITAL) {
            return Way.DIGITAL;
        }
        return switch (mailboxes.oversize(s.municipalityCode())) {
            case PAPER -> {
                log.info("Shipment {} is {} bytes, over the Digital Post limit of {}: on paper (reason SIZE)", s.key(),
                        bytes, limitBytes);
                yield Way.PAPER;
            }
            case SPLIT -> Way.SPLIT;
            case ALTERNATIVE_ADDRESS -> Way.ALTERNATIVE_ADDRESS;
        };
    }

    /**
     * The fewest parts, dividing the rows evenly in order, such that every part's whole
     * message is within the limit; 0 when even one row per message is too large. Each
     * candidate is measured as it would be sent (numbering in subject, body and file name
     * included).
     */
    int splitInto(Shipment s, String mailbox) {
        int rows = s.content().rows();
        if (rows < 2) {
            return 0;
        }
        long limitBytes = limitBytes(s.on());
        long whole = MessageComposer.measure(composer
            .compose(message(s.key(), mailbox, s.subject(), s.text(), s.content().whole()), clock.instant()));
        int n = (int) Math.min(rows, Math.max(2, (whole + limitBytes - 1) / limitBytes));
        while (true) {
            long largest = 0;
            for (int i = 1; i <= n; i++) {
                largest = Math.max(largest, MessageComposer.measure(part(s, mailbox, i, n)));
            }
            if (largest <= limitBytes) {
                return n;
            }
            if (n == rows) {
                return 0;
            }
            // grow in proportion to the overshoot, at least by one: few rounds even for
            // long lists
            n = (int) Math.min(rows, Math.max(n + 1L, (n * largest + limitBytes - 1) / limitBytes));
        }
    }

    private Outcome sendParts(Shipment s, String mailbox, int parts, Map<Integer, Recorded> recorded) {
        long largest = recorded.values().stream().mapToLong(Recorded::bytes).max().orElse(0);
        int sentNow = 0;
        for (int i = 1; i <= parts; i++) {
            if (recorded.containsKey(i)) {
                continue;
            }
            MimeMessage mime = part(s, mailbox, i, parts);
            long bytes = MessageComposer.measure(mime);
            largest = Math.max(largest, bytes);
            String key = partKey(s.key(), i, parts);
            gateway.send(mime, key, s.outbox());
            record(s, i, parts, Way.SPLIT, mailbox, from(s, i, parts), to(s, i, parts) - from(s, i, parts), bytes);
            sentNow++;
        }
        log.info(
                "Shipment {} to municipality {} split into {} Digital Post messages ({} sent now, largest {} bytes, limit {})",
                s.key(), s.municipalityCode(), parts, sentNow, largest, limitBytes(s.on()));
        return new Outcome(Way.SPLIT, parts, largest, mailbox);
    }

    private MimeMessage part(Shipment s, String mailbox, int i, int n) {
        String numbering = i + " af " + n;
        int from = from(s, i, n);
        int to = to(s, i, n);
        String text = "Del " + numbering + ". Forsendelsen er større end Digital Posts grænse og er derfor delt i " + n
                + " meddelelser; denne del rummer række " + (from + 1) + "-" + to + " af " + s.content().rows()
                + ".\n\n" + s.text();
        return composer.compose(message(partKey(s.key(), i, n), mailbox, s.subject() + " (" + numbering + ")", text,
                s.content().part(from, to, i, n)), clock.instant());
    }

    private static int from(Shipment s, int i, int n) {
        return (int) ((long) (i - 1) * s.content().rows() / n);
    }

    private static int to(Shipment s, int i, int n) {
        return (int) ((long) i * s.content().rows() / n);
    }

    private static OutgoingMessage message(String key, String to, String subject, String text, Attachment attachment) {
        return new OutgoingMessage(key, to, subject, text, List.of(attachment));
    }

    private Map<Integer, Recorded> recorded(String key) {
        Map<Integer, Recorded> parts = new HashMap<>();
        jdbc.query("SELECT part_no, part_count, way, recipient, message_bytes FROM municipal_shipment"
                + " WHERE shipment_key = ?", rs -> {
                    parts.put(rs.getInt(1), new Recorded(rs.getInt(1), rs.getInt(2), Way.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getLong(5)));
                }, key);
        return parts;
    }

    /**
     * In its own transaction, right after the gateway took the message: the record a
     * restart trusts.
     */
    private void record(Shipment s, int part, int parts, Way way, String recipient, int firstRow, int rows,
            long bytes) {
        record(s, part, parts, way, recipient, firstRow, rows, bytes,
                composer.messageId(parts == 1 ? s.key() : partKey(s.key(), part, parts)));
    }

    private void record(Shipment s, int part, int parts, Way way, String recipient, int firstRow, int rows, long bytes,
            String messageId) {
        ownTransaction
            .executeWithoutResult(status -> jdbc.update("INSERT INTO municipal_shipment (shipment_key, part_no,"
                    + " part_count, municipality_code, purpose, way, recipient, first_row, row_count, message_bytes, message_id,"
                    + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.key(), part, parts,
                    s.municipalityCode(), s.purpose().key(), way.name(), recipient, firstRow, rows, bytes, messageId,
                    Timestamp.from(clock.instant())));
    }

}
