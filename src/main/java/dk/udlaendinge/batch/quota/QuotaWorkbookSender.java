package dk.udlaendinge.batch.quota;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.HashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.SpreadsheetSafe;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Purpose;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.delivery.MunicipalShipments.Way;
import dk.udlaendinge.batch.delivery.ShipmentReport;
import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.QuotaWorkbooks;
import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * Sends each municipality its published workbook by Digital Post to its quota mailbox;
 * over the Digital Post limit the way the municipality chose ({@link MunicipalShipments}:
 * paper, or its address for large shipments; a workbook is never divided). Every message
 * is recorded in {@code quota_message} under its key {@code quota.<Y>.r<n>.<code>} in its
 * own transaction right after it is handed over, so a restart never sends it again.
 */
public class QuotaWorkbookSender {

    private static final Logger log = LoggerFactory.getLogger(QuotaWorkbookSender.class);

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * What one revision's delivery amounts to, counted from the table (so restarts add
     * up).
     */
    public record Delivery(int digital, int paper, int split, int alternative, int sentNow) {
        public int total() {
            return digital + paper + split + alternative;
        }
    }

    /**
     * A municipality's quota workbook is one indivisible unit: its sheets (own figures,
     * the region's table, the method) explain one another, and a part without the others
     * would not let a reader follow the numbers. So SPLIT cannot divide it; a workbook
     * too large for one message goes on paper (MunicipalShipments logs why). At about 10
     * KB it is far from any real limit.
     */
    private record WholeWorkbook(Attachment whole) implements MunicipalShipments.Content {
        @Override
        public int rows() {
            return 1;
        }

        @Override
        public Attachment part(int from, int to, int part, int parts) {
            throw new UnsupportedOperationException("a quota workbook is not divided");
        }
    }

    private final MailGateway gateway;

    private final MunicipalShipments shipments;

    private final MessageComposer composer;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate ownTransaction;

    private final Folders app;

    public QuotaWorkbookSender(MailGateway gateway, MunicipalShipments shipments, MessageComposer composer,
            JdbcTemplate jdbc, PlatformTransactionManager tx, Folders app) {
        this.gateway = gateway;
        this.shipments = shipments;
        this.composer = composer;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.app = app;
    }

    public String gatewayDescription() {
        return gateway.description();
    }

    public static String key(int year, int revision, int code) {
        return MessageKeys.quotaWorkbook(year, revision, code);
    }

    /**
     * Sends what is not yet recorded as sent for the published revision in
     * {@code folder}.
     */
    public Delivery sendAll(YearFolder folder, YearFolder.Manifest revision) {
        int year = folder.year();
        Map<Integer, Long> quotas = QuotaFiles.readQuotas(folder.dir().resolve(QuotaFiles.csvName(year)));
        Set<String> done = new HashSet<>(
                jdbc.queryForList("SELECT message_key FROM quota_message WHERE quota_year = ? AND revision = ?",
                        String.class, year, revision.revision()));
        Path outbox = folder.outbox();
        int sentNow = 0;
        for (Map.Entry<Integer, Long> e : quotas.entrySet()) {
            int code = e.getKey();
            String key = key(year, revision.revision(), code);
            if (done.contains(key)) {
                continue;
            }
            Municipality m = Municipalities.all().get(code);
            String fileName = QuotaWorkbooks.municipalityFileName(code, year);
            Path workbook = folder.dir().resolve(QuotaFiles.MUNICIPALITY_FOLDER).resolve(fileName);
            MunicipalShipments.Outcome outcome = shipments.ship(new MunicipalShipments.Shipment(key, code,
                    Purpose.QUOTA, subject(year, m, revision), text(year, m, e.getValue(), revision),
                    new WholeWorkbook(Attachment.ofFile(fileName, XLSX, workbook)), outbox));
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO quota_message (message_key, quota_year, revision, municipality_code, channel, message_bytes,"
                            + " message_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    key, year, revision.revision(), code, outcome.way().name(), outcome.bytes(),
                    composer.messageId(key), Timestamp.from(Instant.now())));
            sentNow++;
        }
        writePaperList(folder, revision);
        Delivery d = count(year, revision.revision(), sentNow);
        log.info(
                "Quota {} revision {}: {} municipality workbooks handed over now; {} digital, {} paper, {} to an"
                        + " alternative address in all ({})",
                year, revision.revision(), sentNow, d.digital(), d.paper(), d.alternative(), gateway.description());
        return d;
    }

    public Delivery count(int year, int revision, int sentNow) {
        Map<String, Integer> byWay = new HashMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM quota_message WHERE quota_year = ? AND revision = ? GROUP BY channel",
                rs -> {
                    byWay.put(rs.getString(1), rs.getInt(2));
                }, year, revision);
        return new Delivery(byWay.getOrDefault(Way.DIGITAL.name(), 0), byWay.getOrDefault(Way.PAPER.name(), 0),
                byWay.getOrDefault(Way.SPLIT.name(), 0), byWay.getOrDefault(Way.ALTERNATIVE_ADDRESS.name(), 0),
                sentNow);
    }

    /** The revision's workbooks that did not go whole by Digital Post, one line each. */
    public List<String> unusual(int year, int revision) {
        return ShipmentReport.unusual(jdbc, "quota." + year + ".r" + revision + ".%", 100);
    }

    /**
     * {@code paper.csv}: the workbooks to print and post, rewritten whole from the table
     * (idempotent).
     */
    private void writePaperList(YearFolder folder, YearFolder.Manifest revision) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT municipality_code, message_key, message_bytes FROM quota_message"
                        + " WHERE quota_year = ? AND revision = ? AND channel = 'PAPER' ORDER BY municipality_code",
                folder.year(), revision.revision());
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(
                "municipality_code;municipality_name;workbook;message_key;message_bytes;reason\n");
        for (Map<String, Object> r : rows) {
            int code = ((Number) r.get("MUNICIPALITY_CODE")).intValue();
            csv.append(code)
                .append(';')
                .append(SpreadsheetSafe.text(Municipalities.all().get(code).name()))
                .append(';')
                .append(SpreadsheetSafe.text(QuotaFiles.MUNICIPALITY_FOLDER + "/"
                        + QuotaWorkbooks.municipalityFileName(code, folder.year())))
                .append(';')
                .append(SpreadsheetSafe.text(String.valueOf(r.get("MESSAGE_KEY"))))
                .append(';')
                .append(r.get("MESSAGE_BYTES"))
                .append(";SIZE\n");
        }
        OwnerOnlyFiles.write(folder.dir().resolve(YearFolder.PAPER), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String subject(int year, Municipality m, YearFolder.Manifest revision) {
        return "Flygtningekvote " + year + " for " + m.name() + " Kommune"
                + (revision.revision() > 1 ? " (revision " + revision.revision() + ")" : "")
                + (revision.demo() ? " - DEMODATA" : "");
    }

    private static String text(int year, Municipality m, long quota, YearFolder.Manifest revision) {
        return (revision.demo() ? "DEMODATA: tallene er opdigtede og må ikke bruges.\n\n" : "") + "Kære " + m.name()
                + " Kommune\n\n" + "Udlændingestyrelsen har fordelt landstallet for " + year + " på "
                + String.format(java.util.Locale.forLanguageTag("da-DK"), "%,d", revision.nationalFigure())
                + " flygtninge på regioner og kommuner. " + m.name() + " Kommunes kvote er " + quota + ".\n"
                + (revision.revision() > 1 ? "Dette er revision " + revision.revision()
                        + " og erstatter tidligere udmeldte kvoter for " + year + ".\n" : "")
                + "\nDet vedhæftede regneark viser kommunens tal trin for trin, regionens fordeling og metoden, "
                + "så hvert tal kan efterprøves.\n\nMed venlig hilsen\nUdlændingestyrelsen\n";
    }

}
