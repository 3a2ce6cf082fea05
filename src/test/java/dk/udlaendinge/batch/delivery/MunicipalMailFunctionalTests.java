package dk.udlaendinge.batch.delivery;

import dk.udlaendinge.batch.demo.DemoRegistry;
import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.Mails;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Mail to the municipalities as the agency promised it (issue 13), end to end on a real
 * HSQLDB and a real SMTP server: department mailboxes per purpose, and a list over the
 * Digital Post limit going each of the three ways a municipality may choose. The limit is
 * lowered so that ordinary lists are too large (and every letter goes to paper, so the
 * only mail is to the municipalities).
 */
@SlowTest
class MunicipalMailFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    /**
     * Just above a list of one row (a workbook of about 4.3 kB, 7.5 kB as sent) and below
     * every letter: each part holds about ten rows, so a short list splits into several
     * parts and the registry can be small.
     */
    private static final long LIMIT = 8_000;

    private static final String DOMAIN = "@udlaendinge-batch.nyidanmark.dk>";

    private static final int[] CODES = { 101, 147, 461 }; // København: SPLIT,
                                                          // Frederiksberg:
                                                          // ALTERNATIVE_ADDRESS, Odense:
                                                          // PAPER

    /**
     * Enough that København's list needs at least three parts at the limit (the restart
     * test cuts the link after two) and each list is over it: 180 give 36 rows for 101,
     * about four parts, and 28 and 26 rows for the others. Every due deposit is a letter
     * rendered for paper, which is most of the test's time (600 deposits at a limit of
     * 10,000 bytes gave three parts for 303 letters).
     */
    private static final int DEPOSITS = 180;

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void departmentsGetTheirOwnMailAndAnOversizedListGoesEachOfTheThreeWays() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        createRegistry(data, DEPOSITS);
        Map<String, String> props = settings(data, out, SMTP_PORT);
        props.put("app.digital-post.limit", LIMIT + "B");

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        Map<String, MimeMessage> mail = byMessageId();

        // SPLIT (101): every part within the limit as received, numbered, to the
        // renewal-lists department
        String key101 = "list-" + RUN_DATE + "-101";
        List<MimeMessage> parts = parts(mail, key101);
        int n = parts.size();
        assertThat(n).as("parts of the split list").isGreaterThanOrEqualTo(2);
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            MimeMessage part = parts.get(i - 1);
            assertThat(part.getAllRecipients()[0].toString()).isEqualTo("fornyelser@kk.example");
            assertThat(part.getSubject()).endsWith("(" + i + " af " + n + ")");
            assertThat((String) ((jakarta.mail.Multipart) part.getContent()).getBodyPart(0).getContent())
                .startsWith("Del " + i + " af " + n + ".");
            long wire = sizeAsSent(part);
            sizes.add(wire);
            assertThat(wire).as("part %d of %d on the wire", i, n).isLessThanOrEqualTo(LIMIT);
        }
        System.out.println("split list of 101: " + n + " parts, sizes on the wire " + sizes + " (limit " + LIMIT + ")");
        // what was measured before sending is what arrived, but for the final CRLF that
        // SMTP's
        // end-of-data mark takes up: the measure errs on the safe side by those 2 bytes
        List<Long> recorded = recordedSizes(data, key101);
        assertThat(recorded).hasSameSizeAs(sizes);
        for (int i = 0; i < n; i++) {
            assertThat(recorded.get(i) - sizes.get(i)).as("measured minus received, part %d", i + 1).isBetween(0L, 2L);
        }
        assertThat(caseNumbersIn(parts)).as("rows in the parts, together").isEqualTo(caseNumbersInDb(data, 101));
        assertThat(mail).doesNotContainKey("<" + key101 + DOMAIN);

        // ALTERNATIVE_ADDRESS (147): whole, to the address for large shipments, over the
        // limit
        MimeMessage alt = mail.get("<list-" + RUN_DATE + "-147" + DOMAIN);
        assertThat(alt).as("list of 147").isNotNull();
        assertThat(alt.getAllRecipients()[0].toString()).isEqualTo("sikkerfil@frederiksberg.example");
        assertThat(sizeAsSent(alt)).isGreaterThan(LIMIT);
        assertThat(caseNumbersIn(List.of(alt))).isEqualTo(caseNumbersInDb(data, 147));

        // PAPER (461, the default): no mail; printed behind the letters, in the manifest
        // with reason SIZE
        assertThat(mail.keySet()).noneMatch(id -> id.startsWith("<list-" + RUN_DATE + "-461"));
        Path paper = out.resolve("paper").resolve(RUN_DATE.toString());
        List<String> manifest = Files.readAllLines(paper.resolve("manifest.csv"), StandardCharsets.UTF_8);
        String last = manifest.get(manifest.size() - 1);
        assertThat(last).startsWith("list-" + RUN_DATE + "-461;;Odense Kommune;").endsWith(";SIZE");
        int listPages = Integer.parseInt(last.split(";")[4]);
        String printed = lastPagesText(paper.resolve("print-batch.pdf"), listPages + listPages % 2);
        assertThat(printed).contains("Odense Kommune (461)");
        for (String caseNumber : caseNumbersInDb(data, 461)) {
            assertThat(printed).contains(caseNumber);
        }
        // every letter went to paper too (the lowered limit applies to them as well):
        // only list mail
        assertThat(mail.keySet()).allMatch(id -> id.startsWith("<list-"));

        assertThat(run.out()).contains("municipality lists by way:")
            .contains("SPLIT 1")
            .contains("PAPER 1")
            .contains("ALTERNATIVE_ADDRESS 1")
            .contains(key101 + ": split into " + n + " Digital Post messages to fornyelser@kk.example, all sent");
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.out()).contains("Shipments to municipalities that did not go whole by Digital Post")
            .contains("list-" + RUN_DATE + "-461: on paper, reason SIZE")
            .contains("list-" + RUN_DATE
                    + "-147: sent whole to the address for large shipments sikkerfil@frederiksberg.example");

        // the quota workbooks at the normal limit: 101's goes to its quota department,
        // not to the list's
        Path statistics = tmp.resolve("statistics-demo.csv"); // the file name must not
                                                              // lose "demo": it labels
                                                              // the workbooks
        try (InputStream in = getClass().getResourceAsStream("/demo/statistics-2015-demo.csv")) {
            Files.copy(in, statistics);
        }
        props.remove("app.digital-post.limit");
        OpsFixtures.Result quota = OpsFixtures.cli(props, "quota", "--year", "2016", "--national-figure", "4000",
                "--statistics", statistics.toString());
        assertThat(quota.code()).as(quota.toString()).isZero();
        mail = byMessageId();
        assertThat(mail.get("<quota.2016.r1.101" + DOMAIN).getAllRecipients()[0].toString())
            .isEqualTo("kvoter@kk.example");
        assertThat(mail.get("<quota.2016.r1.147" + DOMAIN).getAllRecipients()[0].toString())
            .isEqualTo("post@frederiksberg.example"); // no quota mailbox: its main one
        assertThat(mail.get("<quota.2016.r1.461" + DOMAIN).getAllRecipients()[0].toString())
            .isEqualTo("kommune-461@digitalpost.example"); // nothing configured: the
                                                           // pattern

        // and a quota workbook over the limit: 147's to its alternative address, 101's
        // cannot be split (paper)
        props.put("app.digital-post.limit", "5KB");
        OpsFixtures.Result small = OpsFixtures.cli(props, "quota", "--year", "2017", "--national-figure", "4000",
                "--statistics", statistics.toString());
        assertThat(small.code()).as(small.toString()).isZero();
        mail = byMessageId();
        assertThat(mail.get("<quota.2017.r1.147" + DOMAIN).getAllRecipients()[0].toString())
            .isEqualTo("sikkerfil@frederiksberg.example");
        assertThat(mail.keySet().stream().filter(id -> id.startsWith("<quota.2017")))
            .containsExactly("<quota.2017.r1.147" + DOMAIN);
        assertThat(small.out()).contains("quota.2017.r1.101: on paper, reason SIZE");
        assertThat(Files.readString(out.resolve("quota/2017/paper.csv"))).contains("101;København;");
        RunOutcome.assertOwnerOnly(out);
    }

    @Test
    void aRestartAfterTheGatewayFailedMidSplitSendsOnlyTheMissingParts() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        createRegistry(data, DEPOSITS);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        // GreenMail prints a cut message (recipients included) from its own thread: not
        // our output
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err
            .println("test SMTP server thread " + thread.getName() + " ended: " + e.getClass().getSimpleName()));
        try (FaultyLink link = new FaultyLink(SMTP_PORT)) {
            Map<String, String> props = settings(data, out, link.port());
            props.put("app.digital-post.limit", LIMIT + "B");
            link.cutAfterMessages(2);
            OpsFixtures.Result failed = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
            assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(failed.out()).contains("did not accept message list-" + RUN_DATE + "-101-part-3-of-");
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
            assertThat(OpsFixtures.cli(props, "status").out()).contains("list-" + RUN_DATE + "-101: split into")
                .contains("2 of ")
                .contains("sent; a restart sends the rest");

            link.restore();
            OpsFixtures.Result restarted = OpsFixtures.cli(props, "restart");
            assertThat(restarted.code()).as(restarted.toString()).isZero();
        }
        finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        Mailbox received = Mailbox.of(greenMail);
        assertThat(received.duplicates()).as("Message-IDs received twice").isEmpty();
        Map<String, MimeMessage> mail = byMessageId();
        List<MimeMessage> parts = parts(mail, "list-" + RUN_DATE + "-101");
        assertThat(parts.size()).isGreaterThanOrEqualTo(3);
        assertThat(caseNumbersIn(parts)).isEqualTo(caseNumbersInDb(data, 101));
        Integer recorded = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM municipal_shipment WHERE shipment_key = ?",
                        Integer.class, "list-" + RUN_DATE + "-101"));
        assertThat(recorded).isEqualTo(parts.size());
    }

    @Test
    void aMailboxThatIsNotOnePlainAddressStopsTheStartWithOneLineNamingMunicipalityAndPurpose() {
        Path data = tmp.resolve("data");
        Map<String, String> props = settings(data, tmp.resolve("out"), SMTP_PORT);
        props.put("app.mail.municipalities.101.quota", "Integration <integration@kk.example>, borger@kk.example");
        OpsFixtures.Result refused = OpsFixtures.cli(props, "status");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(refused.err().strip()).startsWith("error in configuration: app.mail.municipalities.101.quota is \"")
            .contains("not one plain mail address")
            .doesNotContain("\n");
        assertThat(refused.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // --- helpers
    // -----------------------------------------------------------------------------

    /**
     * Generated deposits, spread over the three municipalities of the test so their lists
     * are long.
     */
    private static void createRegistry(Path data, int count) {
        List<Deposit> generated = DemoRegistry.generate(count, 13);
        List<Deposit> moved = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            Deposit d = generated.get(i);
            moved.add(new Deposit(d.depositId(), d.caseNumber(), d.referenceCpr(), d.referenceName(), d.addressLine(),
                    d.postalCode(), d.city(), d.digitalPostExempt(), d.digitalPostAddress(), d.spouseName(),
                    CODES[i % CODES.length], d.legalBasis(), d.securityForm(), d.amountDkk(), d.postedDate(),
                    d.permitGrantedDate(), d.permanentResidenceDate(), d.danishTest()));
        }
        org.flywaydb.core.Flyway.configure()
            .dataSource(OpsFixtures.url(data), "SA", "")
            .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
            .load()
            .migrate();
        OpsFixtures.withDb(data, jdbc -> {
            DemoRegistry.insert(jdbc, moved);
            return null;
        });
    }

    /**
     * København has two departments, Frederiksberg a main mailbox and a secure file
     * service.
     */
    private static Map<String, String> settings(Path data, Path out, int smtpPort) {
        Map<String, String> p = new LinkedHashMap<>(OpsFixtures.props(data, out, smtpPort));
        p.put("app.mail.municipalities.101.renewal-lists", "fornyelser@kk.example");
        p.put("app.mail.municipalities.101.quota", "kvoter@kk.example");
        p.put("app.mail.municipalities.101.oversize", "SPLIT");
        p.put("app.mail.municipalities.147.main", "post@frederiksberg.example");
        p.put("app.mail.municipalities.147.oversize", "ALTERNATIVE_ADDRESS");
        p.put("app.mail.municipalities.147.oversize-address", "sikkerfil@frederiksberg.example");
        return p;
    }

    private static Map<String, MimeMessage> byMessageId() throws Exception {
        Map<String, MimeMessage> byId = new TreeMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            byId.put(m.getMessageID(), m);
        }
        return byId;
    }

    /**
     * The parts of a split shipment in order; fails unless they are exactly 1..n of n.
     */
    private static List<MimeMessage> parts(Map<String, MimeMessage> mail, String key) {
        Pattern part = Pattern.compile("<" + Pattern.quote(key) + "-part-(\\d+)-of-(\\d+)" + Pattern.quote(DOMAIN));
        Map<Integer, MimeMessage> byNumber = new TreeMap<>();
        int total = -1;
        for (Map.Entry<String, MimeMessage> e : mail.entrySet()) {
            Matcher m = part.matcher(e.getKey());
            if (m.matches()) {
                byNumber.put(Integer.valueOf(m.group(1)), e.getValue());
                assertThat(total == -1 || total == Integer.parseInt(m.group(2))).as("one part count").isTrue();
                total = Integer.parseInt(m.group(2));
            }
        }
        assertThat(byNumber.keySet()).as("part numbers of " + key)
            .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, Math.max(total, 0)).boxed().toList());
        return new ArrayList<>(byNumber.values());
    }

    /**
     * The message as it crossed the wire: as received, without the trace headers the
     * server put on top.
     */
    private static long sizeAsSent(MimeMessage received) throws Exception {
        MimeMessage copy = new MimeMessage(received);
        copy.removeHeader("Received");
        copy.removeHeader("Return-Path");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        copy.writeTo(raw);
        return raw.size();
    }

    private static List<Long> recordedSizes(Path data, String key) {
        return OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForList(
                        "SELECT message_bytes FROM municipal_shipment WHERE shipment_key = ? ORDER BY part_no",
                        Long.class, key));
    }

    /**
     * Case numbers in the .xlsx attachments, in order (the data rows start below title
     * and header).
     */
    private static List<String> caseNumbersIn(List<MimeMessage> messages) throws Exception {
        List<String> numbers = new ArrayList<>();
        for (MimeMessage m : messages) {
            for (Mails.Attached a : Mails.attachments(m)) {
                try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(a.content()))) {
                    Sheet sheet = wb.getSheet("Fornyelsesbreve");
                    assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Sagsnummer");
                    for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                        Row row = sheet.getRow(r);
                        numbers.add(row.getCell(0).getStringCellValue());
                    }
                }
            }
        }
        return numbers;
    }

    private static List<String> caseNumbersInDb(Path data, int code) {
        return OpsFixtures.withDb(data, jdbc -> jdbc.queryForList("SELECT d.case_number FROM renewal_notice n"
                + " JOIN deposit d ON d.deposit_id = n.deposit_id WHERE n.sent_run_date = ? AND n.municipality_code = ?"
                + " ORDER BY n.expiry_date, d.case_number, n.notice_id", String.class, Date.valueOf(RUN_DATE), code));
    }

    private static String lastPagesText(Path pdf, int pages) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(doc.getNumberOfPages() - pages + 1);
            stripper.setEndPage(doc.getNumberOfPages());
            return stripper.getText(doc);
        }
    }

}
