package dk.udlaendinge.batch.notice;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Issue 7, "trust no input": the hostile inputs of {@code src/test/resources/hostile/}
 * run through the command line as an operator would
 * ({@link dk.udlaendinge.batch.ops.Cli#run}), on real files, a real HSQLDB and a real
 * SMTP server (GreenMail), and what the application wrote is read back.
 */
@SlowTest
class HostileInputFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final CSVFormat SEMICOLON = CSVFormat.DEFAULT.builder().setDelimiter(';').get();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    // --- items 1 and 2: case documents confined to their root
    // ------------------------------

    /**
     * A folder as upstream delivers it: registry, documents CSV, docs/guarantee.pdf; plus
     * a PDF outside it.
     */
    private record Delivery(Path folder, Path registry, Path documents, Path guarantee, Deposit holder) {
    }

    private Delivery hostileDocuments() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("delivery"));
        // ten deposits, six of them due: every due notice renders a letter, a run's main
        // cost
        List<Deposit> deposits = DemoRegistry.generate(10, 5);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Deposit holder = deposits.stream()
            .filter(d -> due.contains(d.depositId()) && !d.digitalPostExempt())
            .findFirst()
            .orElseThrow();
        Path registry = folder.resolve("registry.csv");
        DemoRegistry.writeCsv(registry, deposits);

        Path outside = Files.createDirectories(tmp.resolve("outside"));
        CaseDocumentFactory.write(outside.resolve("outside.pdf"), 5_000, "A PDF outside the documents root");
        Path guarantee = CaseDocumentFactory.write(folder.resolve("docs/guarantee.pdf"), 5_000, "Scanned guarantee");
        Files.copy(resource("not-a-pdf.pdf"), folder.resolve("not-a-pdf.pdf"));
        Files.createSymbolicLink(folder.resolve("docs/link-to-outside.pdf"), outside.resolve("outside.pdf"));
        Files.createSymbolicLink(folder.resolve("docs-link"), outside);
        Path documents = folder.resolve("documents-hostile.csv");
        Files.writeString(documents,
                Files.readString(resource("documents-hostile.csv"))
                    .replace("@DEPOSIT@", holder.depositId())
                    .replace("@OUTSIDE@", outside.toString()));
        return new Delivery(folder, registry, documents, guarantee, holder);
    }

    @Test
    void caseDocumentsOutsideTheRootAreRejectedAtImportAndOnlyTheGoodOneIsMailed() throws Exception {
        Delivery delivery = hostileDocuments();
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);

        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", delivery.registry().toString(),
                "--documents", delivery.documents().toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);

        Map<Long, String> rejects = rejects(out.resolve("rejects/documents-hostile.csv-rejects.csv"), "path");
        assertThat(rejects).containsOnlyKeys(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(rejects.get(2L)).startsWith("the file is an absolute path outside the documents root"); // /etc/passwd
        assertThat(rejects.get(3L)).startsWith("the file climbs out of the documents root"); // ../../../../etc/hostname
        assertThat(rejects.get(4L)).startsWith("the file passes through a symbolic link that leads out"); // link
                                                                                                          // to
                                                                                                          // a
                                                                                                          // file
        assertThat(rejects.get(5L)).startsWith("the file passes through a symbolic link that leads out"); // linked
                                                                                                          // folder
        assertThat(rejects.get(6L)).startsWith("the file is an absolute path outside"); // /proc/self/environ
        assertThat(rejects.get(7L)).isEqualTo("the file is not a PDF (it does not start with %PDF-)");
        assertThat(rejects.get(8L)).startsWith("the file is an absolute path outside"); // a
                                                                                        // PDF
                                                                                        // elsewhere
        assertThat(rejects.get(9L)).startsWith("the file climbs out of the documents root"); // ../outside/
        assertThat(rejects.get(10L)).isEqualTo("the file is not a regular file"); // a
                                                                                  // folder
        assertThat(String.join("\n", rejects.values())).doesNotContain("passwd")
            .doesNotContain("environ")
            .doesNotContain("hostname");
        List<String> stored = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForList("SELECT path FROM case_document", String.class));
        assertThat(stored).containsExactly(delivery.guarantee().toRealPath().toString());

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        long noticeId = noticeOf(data, delivery.holder().depositId());
        MimeMessage letter = received(Mailbox.noticeMessageId(noticeId));
        assertThat(attachmentNames(letter)).containsExactly("brev-forlaengelse-af-sikkerhed.pdf",
                "ansoegning-om-forlaengelse.pdf", "guarantee.pdf");
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertThat(attachmentNames(m)).doesNotContain("passwd", "hostname", "environ", "outside.pdf",
                    "not-a-pdf.pdf", "link-to-outside.pdf");
        }
    }

    @Test
    void aDocumentSwappedForALinkToProcAfterTheImportIsNeverReadAndOnlyItsNoticeIsSkipped() throws Exception {
        Delivery delivery = hostileDocuments();
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", delivery.registry().toString(),
                "--documents", delivery.documents().toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);

        // the disk changes after the import: the checked PDF becomes a link to the
        // process's secrets
        byte[] pdf = Files.readAllBytes(delivery.guarantee());
        Files.delete(delivery.guarantee());
        Files.createSymbolicLink(delivery.guarantee(), Path.of("/proc/self/environ"));

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        long noticeId = noticeOf(data, delivery.holder().depositId());
        assertThat(status(data, noticeId)).isEqualTo("SKIPPED");
        assertThat(Mailbox.of(greenMail).count(Mailbox.noticeMessageId(noticeId))).isZero();
        assertThat(Mailbox.of(greenMail).noticeMessages()).isPositive();
        OpsFixtures.Result shown = OpsFixtures.cli(props, "status");
        // named by its line and deposit id, never by its file name (issue 20, item 10)
        assertThat(shown.out())
            .containsPattern("notice " + noticeId + ": case document of notice " + noticeId + " \\(deposit "
                    + delivery.holder().depositId() + ", line \\d+ of the documents CSV\\) is a symbolic"
                    + " link since the import")
            .doesNotContain("guarantee.pdf");

        // put the real file back: the next run sends it, with the document
        Files.delete(delivery.guarantee());
        Files.write(delivery.guarantee(), pdf);
        LocalDate next = RUN_DATE.plusDays(1);
        OpsFixtures.Result nextRun = OpsFixtures.cli(props, "renewal", "--run-date", next.toString());
        assertThat(nextRun.code()).as(nextRun.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status(data, noticeId)).isEqualTo("SENT");
        assertThat(attachmentNames(received(Mailbox.noticeMessageId(noticeId)))).contains("guarantee.pdf");
    }

    // --- item 3: one recipient per letter
    // ----------------------------------------------------

    @Test
    void badAddressesAreRejectedAtImportWithTheirLineAndNeverQuoted() throws Exception {
        Path out = tmp.resolve("out");
        Path registry = copy("registry-addresses.csv");
        Map<String, String> props = OpsFixtures.props(tmp.resolve("data"), out, null);

        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", registry.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);
        Map<Long, String> byLine = rejects(out.resolve("rejects/registry-addresses.csv-rejects.csv"), null);
        // line 6 is the address broken by CR LF: both halves are short rows
        assertThat(byLine).containsOnlyKeys(3L, 4L, 5L, 6L, 7L, 8L);
        for (long line : List.of(3L, 4L, 5L, 8L)) {
            assertThat(byLine.get(line))
                .startsWith("digital_post_address: must be exactly one plain address local@domain");
        }
        assertThat(byLine.get(6L)).startsWith("-: expected 18 fields");
        assertThat(String.join("\n", byLine.values())).doesNotContain("attacker")
            .doesNotContain("victim")
            .doesNotContain("a@b.example");
        List<String> imported2 = OpsFixtures.withDb(tmp.resolve("data"),
                jdbc -> jdbc.queryForList("SELECT deposit_id FROM deposit ORDER BY deposit_id", String.class));
        assertThat(imported2).containsExactly("H-ADDR-GOOD-1", "H-ADDR-GOOD-2");
    }

    @Test
    void badAddressesAlreadyInTheRegistrySkipTheirNoticeAndEveryMessageHasOneRecipient() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // twelve due, eleven by Digital Post: four bad addresses and seven good ones
        List<Deposit> deposits = OpsFixtures.createRegistry(data, 20, 21);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        List<String> hostile = List.of("victim@x.example, attacker@y.example", "<<<@>>>", "\"Name\" <a@b.example>",
                "victim@x.example\r\nBcc: attacker@y.example");
        List<String> bad = due.stream().filter(id -> !exempt.contains(id)).limit(hostile.size()).toList();
        // rows imported before addresses were checked: the send step is the last line of
        // defence
        OpsFixtures.withDb(data, jdbc -> {
            for (int i = 0; i < bad.size(); i++) {
                jdbc.update("UPDATE deposit SET digital_post_address = ? WHERE deposit_id = ?", hostile.get(i),
                        bad.get(i));
            }
            return null;
        });
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.out()).containsPattern("sendNotices +COMPLETED read \\d+, written \\d+, skipped 4");
        for (String depositId : bad) {
            long noticeId = noticeOf(data, depositId);
            assertThat(status(data, noticeId)).as(depositId).isEqualTo("SKIPPED");
            assertThat(Mailbox.of(greenMail).count(Mailbox.noticeMessageId(noticeId))).isZero();
        }
        Mailbox mailbox = Mailbox.of(greenMail);
        assertThat(mailbox.duplicates()).as("GreenMail stores one copy per RCPT TO").isEmpty();
        assertThat(mailbox.noticeMessages()).isEqualTo(due.size() - exempt.size() - bad.size());
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertThat(m.getAllRecipients()).hasSize(1);
            assertThat(m.getAllRecipients()[0].toString()).doesNotContain("attacker");
        }
        OpsFixtures.Result shown = OpsFixtures.cli(props, "status");
        assertThat(shown.out())
            .contains("digital post address of notice " + noticeOf(data, bad.get(0)) + " (deposit " + bad.get(0)
                    + ") is not one plain address")
            .doesNotContain("attacker")
            .doesNotContain("victim");

        // the next night does not fail on them either; they wait until the registry is
        // corrected
        OpsFixtures.Result nextRun = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.plusDays(1).toString());
        assertThat(nextRun.code()).as(nextRun.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(Mailbox.of(greenMail).duplicates()).isEmpty();
    }

    // --- item 4: outputs safe to open
    // ----------------------------------------------------------

    @Test
    void formulasInDepositIdsNamesAndAddressesAreNeutralisedInTheManifestAndJournal() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry",
                copy("registry-formulas.csv").toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(Files.readAllLines(out.resolve("rejects/registry-formulas.csv-rejects.csv"))).hasSize(1);

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);

        RenewalOutputs outputs = new RenewalOutputs(out);
        List<CSVRecord> manifest = csv(outputs.manifest(RUN_DATE));
        assertThat(manifest).hasSize(1 + 5);
        CSVRecord hyperlink = manifest.stream().filter(r -> r.get(1).contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(hyperlink.get(1)).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(hyperlink.get(2)).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(hyperlink.get(3)).startsWith("'=1+2, 8000");
        assertThat(manifest.stream().map(r -> r.get(1)).toList()).contains("'+F-02", "'-F-03", "'@F-04", "F-05");
        assertThat(manifest.stream().map(r -> r.get(2)).toList()).contains("'=SUM(1+1)*cmd", "'+cmd|' /C calc'!A0");
        assertNoCellRuns(manifest);

        List<CSVRecord> journal = csv(outputs.journal(RUN_DATE));
        assertThat(journal).hasSize(1 + 6);
        assertThat(journal.stream().map(r -> r.get(1)).toList()).contains("'=F-06", "'+F-02");
        assertNoCellRuns(journal);
        assertThat(Mailbox.of(greenMail).noticeMessages()).isEqualTo(1);
    }

    private static void assertNoCellRuns(List<CSVRecord> rows) {
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertThat(cell).as("line %d", row.getRecordNumber())
                    .doesNotStartWith("=")
                    .doesNotStartWith("+")
                    .doesNotStartWith("@")
                    .doesNotStartWith("\t")
                    .doesNotStartWith("\r");
                if (cell.startsWith("-")) {
                    assertThat(cell).as("only a number we wrote may start with -").matches("-\\d+(\\.\\d+)?");
                }
            }
        }
    }

    // --- item 5: one bad case document never stops the paper batch
    // ------------------------------

    @Test
    void aBadCaseDocumentOfOnePaperLetterSkipsThatLetterAndEveryOtherLetterIsPrinted() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("delivery"));
        // seed 1803's first ten deposits: eight due, four of them exempt (paper), as few
        // letters to render as the test can have
        List<Deposit> deposits = DemoRegistry.generate(10, 1803);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        List<String> exempt = new ArrayList<>(OpsFixtures.exemptAmong(deposits, due));
        assertThat(exempt).hasSizeGreaterThanOrEqualTo(4);
        Path registry = folder.resolve("registry.csv");
        DemoRegistry.writeCsv(registry, deposits);
        StringBuilder documents = new StringBuilder("deposit_id;path\n");
        List<Path> pdfs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pdfs.add(
                    CaseDocumentFactory.write(folder.resolve("docs/guarantee-" + i + ".pdf"), 8_000, "Guarantee " + i));
            documents.append(exempt.get(i)).append(";docs/guarantee-").append(i).append(".pdf\n");
        }
        Path documentsCsv = folder.resolve("documents.csv");
        Files.writeString(documentsCsv, documents);
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", registry.toString(), "--documents",
                documentsCsv.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);

        // after the import the upstream system overwrites two of them: a text file, and a
        // broken PDF
        byte[] good0 = Files.readAllBytes(pdfs.get(0));
        byte[] good1 = Files.readAllBytes(pdfs.get(1));
        Files.writeString(pdfs.get(0), "scanner error: no image\n");
        Files.writeString(pdfs.get(1), "%PDF-1.4\nthe rest of this file never arrived\n");

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        long bad0 = noticeOf(data, exempt.get(0));
        long bad1 = noticeOf(data, exempt.get(1));
        assertThat(status(data, bad0)).isEqualTo("SKIPPED");
        assertThat(status(data, bad1)).isEqualTo("SKIPPED");
        OpsFixtures.Result shown = OpsFixtures.cli(props, "status");
        assertThat(shown.out())
            .contains("notice " + bad0 + ": case document of notice " + bad0 + " (deposit " + exempt.get(0)
                    + ", line 2 of the documents CSV) is not a PDF")
            .contains("notice " + bad1 + ": case document of notice " + bad1 + " (deposit " + exempt.get(1)
                    + ", line 3 of the documents CSV) is not a readable PDF")
            .doesNotContain("guarantee-0.pdf")
            .doesNotContain("guarantee-1.pdf");

        RenewalOutputs outputs = new RenewalOutputs(out);
        List<Long> printed = OpsFixtures.firstColumnIds(outputs.manifest(RUN_DATE));
        List<Long> paperSent = OpsFixtures.withDb(data, jdbc -> jdbc.queryForList("SELECT notice_id FROM renewal_notice"
                + " WHERE channel = 'PAPER' AND status = 'SENT' ORDER BY notice_id", Long.class));
        assertThat(printed).containsExactlyElementsOf(paperSent)
            .hasSize(exempt.size() - 2)
            .doesNotContain(bad0, bad1)
            .contains(noticeOf(data, exempt.get(2)));
        int expectedPages = csv(outputs.manifest(RUN_DATE)).stream()
            .skip(1)
            .mapToInt(r -> Integer.parseInt(r.get(4)))
            .map(p -> p + p % 2)
            .sum();
        try (PDDocument batch = Loader.loadPDF(outputs.printBatch(RUN_DATE).toFile())) {
            assertThat(batch.getNumberOfPages()).isEqualTo(expectedPages);
        }

        // fixed: the next run prints the two
        Files.write(pdfs.get(0), good0);
        Files.write(pdfs.get(1), good1);
        LocalDate next = RUN_DATE.plusDays(1);
        OpsFixtures.Result nextRun = OpsFixtures.cli(props, "renewal", "--run-date", next.toString());
        assertThat(nextRun.code()).as(nextRun.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(OpsFixtures.firstColumnIds(outputs.manifest(next))).containsExactlyInAnyOrder(bad0, bad1);
    }

    // --- item 6 and the reject report: every bad row rejected, personal values masked
    // ---------------

    @Test
    void rowsBreakingAColumnsLimitsAreRejectedWithTheirLineMaskedAndTheRestIsImported() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, null);

        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry",
                copy("registry-limits.csv").toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(imported.all()).doesNotContain("Exception").doesNotContain("120379-4411");
        List<String> ids = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForList("SELECT deposit_id FROM deposit ORDER BY deposit_id", String.class));
        assertThat(ids).containsExactly("H-LIM-GOOD-1", "H-LIM-GOOD-2");

        Path report = out.resolve("rejects/registry-limits.csv-rejects.csv");
        Map<Long, String> byLine = rejects(report, null);
        assertThat(byLine).containsOnlyKeys(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(byLine.get(3L)).isEqualTo("reference_name: must be at most 200 characters, has 201");
        assertThat(byLine.get(4L))
            .isEqualTo("amount_dkk: must have at most 10 digits before the decimal point, has 20");
        assertThat(byLine.get(5L))
            .isEqualTo("posted_date: must be an ISO date yyyy-MM-dd, was (16 characters, masked)");
        assertThat(byLine.get(6L))
            .isEqualTo("postal_code: must be 4 digits between 0555 and 9990, was (11 characters, masked)");
        assertThat(byLine.get(7L)).isEqualTo("case_number: must be at most 100 characters, has 101");
        assertThat(byLine.get(8L))
            .isEqualTo("permit_granted_date: must be a date in the years 1900 to 2100, was 1850-02-28");
        assertThat(byLine.get(9L)).isEqualTo("city: must be at most 100 characters, has 101");
        assertThat(Files.readString(report)).doesNotContain("120379-4411")
            .doesNotContain("4411")
            .doesNotContain("AAAAAAAAAA")
            .doesNotContain("99999999999");
    }

    // --- helpers
    // --------------------------------------------------------------------------------

    private static Path resource(String name) {
        return Path.of("src/test/resources/hostile", name);
    }

    private Path copy(String name) throws IOException {
        Path target = Files.createDirectories(tmp.resolve("delivery")).resolve(name);
        return Files.copy(resource(name), target);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, SEMICOLON)) {
            return parser.getRecords();
        }
    }

    /**
     * A reject report by line: the reason, prefixed with the column unless {@code column}
     * is given (then checked).
     */
    private static Map<Long, String> rejects(Path report, String column) throws IOException {
        Map<Long, String> byLine = new TreeMap<>();
        List<CSVRecord> rows = csv(report);
        assertThat(rows.get(0).values()).containsExactly("line", "column", "reason");
        for (CSVRecord r : rows.subList(1, rows.size())) {
            if (column != null) {
                assertThat(r.get(1)).as("line " + r.get(0)).isEqualTo(column);
            }
            byLine.merge(Long.parseLong(r.get(0)), column != null ? r.get(2) : r.get(1) + ": " + r.get(2),
                    (a, b) -> a + " | " + b);
        }
        return byLine;
    }

    private static long noticeOf(Path data, String depositId) {
        return OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = ?", Long.class, depositId));
    }

    private static String status(Path data, long noticeId) {
        return OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT status FROM renewal_notice WHERE notice_id = ?", String.class, noticeId));
    }

    private static MimeMessage received(String messageId) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (messageId.equals(m.getMessageID())) {
                found.add(m);
            }
        }
        assertThat(found).as(messageId).hasSize(1);
        return found.get(0);
    }

    private static List<String> attachmentNames(MimeMessage m) {
        try {
            if (!(m.getContent() instanceof Multipart multipart)) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() != null) {
                    names.add(part.getFileName());
                    try (InputStream in = part.getInputStream()) {
                        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        assertThat(text).as(part.getFileName()).doesNotContain("root:x:0:0").doesNotContain("SPRING_");
                        if (part.getFileName().endsWith(".pdf")) {
                            assertThat(text).as(part.getFileName()).startsWith("%PDF-");
                        }
                    }
                }
            }
            return names;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
