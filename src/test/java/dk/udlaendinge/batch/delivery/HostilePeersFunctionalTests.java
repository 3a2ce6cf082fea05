package dk.udlaendinge.batch.delivery;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.support.HostilePdfs;
import dk.udlaendinge.batch.support.RefusingSmtpServer;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Issue 20, "trust no peer either": case documents that stop the night or leak other
 * citizens' letters, a closed Digital Post mailbox, and careless settings and input, each
 * run through the command line as an operator would, against real files, a real HSQLDB
 * and a real SMTP server (GreenMail, or {@link RefusingSmtpServer} speaking the refusal).
 */
@SlowTest
class HostilePeersFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final String PERSONAL_FILE_NAME = "Jens Hansen 120379-4411 Vestergade 3.pdf";

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    /**
     * The first ten deposits of seed 1803: eight due on RUN_DATE, four of them exempt
     * (paper) and four by Digital Post, enough of each kind for every test here. Every
     * due notice renders a letter, the main cost of a run, so the registry holds no more
     * (it held 150 to 400 deposits, 80 to 200 letters a run).
     */
    private static final int DEPOSITS = 10;

    private static final long SEED = 1803;

    @TempDir
    Path tmp;

    /**
     * A registry with paper letters (exempt from Digital Post) and Digital Post letters
     * due on RUN_DATE.
     */
    private record Delivery(Path folder, Path registry, List<Deposit> deposits, List<String> paper,
            List<String> digital) {
    }

    private Delivery delivery(int count, long seed) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("delivery"));
        List<Deposit> deposits = DemoRegistry.generate(count, seed);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        Path registry = folder.resolve("registry.csv");
        DemoRegistry.writeCsv(registry, deposits);
        return new Delivery(folder, registry, deposits, List.copyOf(exempt),
                due.stream().filter(id -> !exempt.contains(id)).sorted().toList());
    }

    private Path documentsCsv(Delivery d, String... rows) throws IOException {
        return Files.writeString(d.folder().resolve("documents.csv"),
                "deposit_id;path\n" + String.join("\n", rows) + "\n");
    }

    // --- items 2 and 10: a document that loads but cannot be merged
    // -------------------------------

    @Test
    void aDocumentThatCannotBeMergedSkipsItsPaperNoticeByItsLineAndTheBatchMatchesTheManifest() throws Exception {
        Delivery d = delivery(DEPOSITS, SEED);
        assertThat(d.paper()).hasSizeGreaterThanOrEqualTo(3);
        String victim = d.paper().get(0);
        CaseDocumentFactory.write(d.folder().resolve("docs/a.pdf"), 5_000, "First document");
        HostilePdfs.malformedStructureTree(d.folder().resolve("docs/" + PERSONAL_FILE_NAME), 3);
        CaseDocumentFactory.write(d.folder().resolve("docs/c.pdf"), 5_000, "Another citizen's document");
        Path documents = documentsCsv(d, victim + ";docs/a.pdf", victim + ";docs/" + PERSONAL_FILE_NAME,
                d.paper().get(1) + ";docs/c.pdf");
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", d.registry().toString(),
                "--documents", documents.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        long skipped = noticeOf(data, victim);
        assertThat(status(data, skipped)).isEqualTo("SKIPPED");
        assertThat(skipReason(data, skipped)).isEqualTo("case document of notice " + skipped + " (deposit " + victim
                + ", line 3 of the documents CSV) cannot be merged into the print batch (IOException)");

        RenewalOutputs outputs = new RenewalOutputs(out);
        List<Long> printed = OpsFixtures.firstColumnIds(outputs.manifest(RUN_DATE));
        assertThat(printed).doesNotContain(skipped)
            .contains(noticeOf(data, d.paper().get(1)))
            .hasSize(d.paper().size() - 1);
        int manifestPages = Files.readAllLines(outputs.manifest(RUN_DATE))
            .stream()
            .skip(1)
            .mapToInt(line -> Integer.parseInt(line.split(";")[4]))
            .map(p -> p + p % 2)
            .sum();
        try (PDDocument batch = Loader.loadPDF(outputs.printBatch(RUN_DATE).toFile())) {
            assertThat(batch.getNumberOfPages()).as("the batch's pages are the manifest's").isEqualTo(manifestPages);
        }

        // item 10: what status shows names the line and the deposit, never the file's
        // name
        OpsFixtures.Result shown = OpsFixtures.cli(props, "status");
        assertThat(shown.out()).contains("line 3 of the documents CSV")
            .doesNotContain("120379")
            .doesNotContain("Jens Hansen")
            .doesNotContain("Vestergade");
    }

    // --- item 3: a huge case document
    // -------------------------------------------------------------

    @Test
    void aHugeCaseDocumentIsRefusedAtImportAndAtSendSkipsOnlyItsNotice() throws Exception {
        Delivery d = delivery(DEPOSITS, SEED);
        String holder = d.paper().get(0);
        Path guarantee = CaseDocumentFactory.write(d.folder().resolve("docs/guarantee.pdf"), 5_000, "Guarantee");
        HostilePdfs.sparsePdf(d.folder().resolve("docs/huge.pdf"), 3L << 30); // 3 GB, no
                                                                              // disk used
        Path documents = documentsCsv(d, holder + ";docs/guarantee.pdf", d.paper().get(1) + ";docs/huge.pdf");
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", d.registry().toString(),
                "--documents", documents.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(Files.readAllLines(out.resolve("rejects/documents.csv-rejects.csv")))
            .contains("3;path;the file is larger than 20 MB, the limit for case documents (app.documents-max-size)");

        // after the import the guarantee becomes a 3 GB file: the paper check must not
        // read it into the heap
        Files.delete(guarantee);
        HostilePdfs.sparsePdf(guarantee, 3L << 30);
        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.all()).doesNotContain("OutOfMemoryError").doesNotContain("heap space");
        long notice = noticeOf(data, holder);
        assertThat(status(data, notice)).isEqualTo("SKIPPED");
        assertThat(skipReason(data, notice)).isEqualTo("case document of notice " + notice + " (deposit " + holder
                + ", line 2 of the documents CSV) is larger than 20 MB, the limit for case documents"
                + " (app.documents-max-size)");
        assertThat(OpsFixtures.firstColumnIds(new RenewalOutputs(out).manifest(RUN_DATE))).doesNotContain(notice)
            .hasSize(d.paper().size() - 1);
    }

    // --- item 4: the documents root and the output and data folders
    // -------------------------------

    @Test
    void aDocumentsRootHoldingTheOutputOrDataFolderIsRefusedAndNoFileUnderThemIsEverAttached() throws Exception {
        // the operator's project folder: data and out inside it, and the documents CSV
        // beside them
        Path project = Files.createDirectories(tmp.resolve("project"));
        Delivery d = delivery(DEPOSITS, SEED);
        Path registry = Files.copy(d.registry(), project.resolve("registry.csv"));
        Path data = project.resolve("data");
        Path out = project.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result first = OpsFixtures.cli(props, "import", "--registry", registry.toString());
        assertThat(first.code()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
        Path batchOfAnotherNight = CaseDocumentFactory.write(out.resolve("paper/2020-05-01/print-batch.pdf"), 5_000,
                "Three other citizens' letters");
        Path documents = Files.writeString(project.resolve("docs.csv"),
                "deposit_id;path\n" + d.digital().get(0) + ";out/paper/2020-05-01/print-batch.pdf\n");

        // as the operator typed it in the project folder: ./run.sh import --registry
        // registry.csv --documents docs.csv,
        // with the default, relative output folder "out"
        Map<String, String> relative = new java.util.LinkedHashMap<>(props);
        relative.put("app.output-dir", "out");
        OpsFixtures.Result refused = OpsFixtures
            .startIn(project, relative, tmp.resolve("logs"), "import", "import", "--registry", "registry.csv",
                    "--documents", "docs.csv")
            .await(java.time.Duration.ofMinutes(10));
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        // one line naming both folders, no stack trace
        assertThat(refused.all().lines().filter(l -> l.startsWith("error:"))).as(refused.toString())
            .containsExactly("error: documents root " + project.toRealPath() + " contains the output folder "
                    + out.toRealPath()
                    + ", whose files must never be attached; keep the documents CSV and its PDFs in a folder of their own,"
                    + " or set app.documents-root");
        assertThat(refused.all()).doesNotContain("\tat ").doesNotContain("Exception");

        props.put("app.documents-root", out.resolve("paper").toString());
        OpsFixtures.Result inside = OpsFixtures.cli(props, "import", "--registry", registry.toString(), "--documents",
                documents.toString());
        assertThat(inside.code()).as(inside.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(inside.all()).contains("lies inside the output folder " + out.toRealPath());
        Integer stored = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM case_document", Integer.class));
        assertThat(stored).isZero();

        // a row already in the registry (imported before this check) is refused when the
        // notice is sent
        props.remove("app.documents-root");
        OpsFixtures.withDb(data,
                jdbc -> jdbc.update("INSERT INTO case_document (deposit_id, path, source_line)" + " VALUES (?, ?, 2)",
                        d.digital().get(0), real(batchOfAnotherNight)));
        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        long notice = noticeOf(data, d.digital().get(0));
        assertThat(status(data, notice)).isEqualTo("SKIPPED");
        assertThat(skipReason(data, notice)).contains("lies under the output folder");
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertThat(attachmentNames(m)).doesNotContain("print-batch.pdf");
        }
    }

    // --- item 5: a closed Digital Post mailbox
    // ----------------------------------------------------

    @Test
    void aRecipientRefusedForGoodSkipsItsNoticeAndEveryNightCompletes() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        List<Deposit> deposits = OpsFixtures.createRegistry(data, DEPOSITS, SEED);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        String closed = due.stream().filter(id -> !exempt.contains(id)).sorted().findFirst().orElseThrow();
        OpsFixtures.withDb(data,
                jdbc -> jdbc.update(
                        "UPDATE deposit SET digital_post_address = 'lukket@borger.example'" + " WHERE deposit_id = ?",
                        closed));
        try (RefusingSmtpServer gateway = new RefusingSmtpServer()) {
            gateway.refuse("lukket@borger.example",
                    "550 5.1.1 <lukket@borger.example>: Recipient address rejected:" + " mailbox closed");
            Map<String, String> props = OpsFixtures.props(data, out, gateway.port());

            OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(run.out()).containsPattern("sendNotices +COMPLETED read \\d+, written \\d+, skipped 1");
            long notice = noticeOf(data, closed);
            assertThat(status(data, notice)).isEqualTo("SKIPPED");
            assertThat(skipReason(data, notice))
                .startsWith("Digital Post refused notice " + notice + " (deposit " + closed + ") for good (550 5.1.1)");
            assertThat(gateway.refusedRecipients()).as("a permanent refusal is not retried").hasSize(1);
            assertThat(gateway.acceptedMessageIds()).hasSizeGreaterThanOrEqualTo(due.size() - exempt.size() - 1)
                .doesNotContain(Mailbox.noticeMessageId(notice));
            assertThat(new RenewalOutputs(out).journal(RUN_DATE)).exists();
            OpsFixtures.Result shown = OpsFixtures.cli(props, "status");
            assertThat(shown.out()).contains("for good (550 5.1.1)").doesNotContain("lukket@");

            // the next night takes it first again, is refused again, and still completes
            OpsFixtures.Result next = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.plusDays(1).toString());
            assertThat(next.code()).as(next.toString()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(status(data, notice)).isEqualTo("SKIPPED");
        }
    }

    @Test
    void aTransientRefusalIsStillRetriedAndThenFailsTheStep() throws Exception {
        Path data = tmp.resolve("data");
        List<Deposit> deposits = OpsFixtures.createRegistry(data, DEPOSITS, SEED);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        String busy = due.stream().filter(id -> !exempt.contains(id)).sorted().findFirst().orElseThrow();
        OpsFixtures.withDb(data,
                jdbc -> jdbc.update(
                        "UPDATE deposit SET digital_post_address = 'travl@borger.example'" + " WHERE deposit_id = ?",
                        busy));
        try (RefusingSmtpServer gateway = new RefusingSmtpServer()) {
            gateway.refuse("travl@borger.example", "451 4.2.1 <travl@borger.example>: mailbox busy, try again later");
            OpsFixtures.Result run = OpsFixtures.cli(OpsFixtures.props(data, tmp.resolve("out"), gateway.port()),
                    "renewal", "--run-date", RUN_DATE.toString());
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(gateway.refusedRecipients()).as("app.mail.retry.max-attempts: 2").hasSize(2);
            assertThat(run.all()).doesNotContain("travl@");
        }
    }

    // --- minor: settings that go into headers, attachment names
    // --------------------------------------

    @Test
    void headerSettingsWithALineBreakStopTheStartAndNothingIsSent() throws Exception {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 60, 7);
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), SMTP_PORT);
        props.put("app.mail.message-id-domain", "x.example\r\nBcc: attacker@evil.example");
        OpsFixtures.Result domain = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(domain.code()).as(domain.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(domain.all()).contains("app.mail.message-id-domain must be a host name");

        props.remove("app.mail.message-id-domain");
        props.put("app.mail.from", "noreply@nyidanmark.dk\r\nBcc: attacker@evil.example");
        OpsFixtures.Result from = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(from.code()).as(from.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(from.all()).contains("app.mail.from must be one plain address");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anAttachmentWhoseFileNameHoldsALineBreakAddsNoHeader() throws Exception {
        Delivery d = delivery(DEPOSITS, SEED);
        String holder = d.digital().get(0);
        Path evil = CaseDocumentFactory
            .write(d.folder().resolve("docs/x\r\nBcc: attacker@evil.example\r\nX-Evil: 1.pdf"), 5_000, "Guarantee");
        Files.createSymbolicLink(d.folder().resolve("docs/guarantee.pdf"), evil.getFileName());
        Path documents = documentsCsv(d, holder + ";docs/guarantee.pdf");
        Path data = tmp.resolve("data");
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), SMTP_PORT);
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", d.registry().toString(),
                "--documents", documents.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        String wanted = Mailbox.noticeMessageId(noticeOf(data, holder));
        MimeMessage letter = List.of(greenMail.getReceivedMessages())
            .stream()
            .filter(m -> id(m).equals(wanted))
            .findFirst()
            .orElseThrow();
        assertThat(letter.getAllRecipients()).hasSize(1);
        assertThat(letter.getHeader("Bcc")).isNull();
        Multipart parts = (Multipart) letter.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            assertThat(part.getHeader("X-Evil")).isNull();
            assertThat(part.getHeader("Bcc")).isNull();
            for (Enumeration<Header> h = part.getAllHeaders(); h.hasMoreElements();) {
                // a long header is folded (CRLF and a blank), which is no new header;
                // unfolded, no line break is left
                assertThat(MimeUtility.unfold(h.nextElement().getValue())).doesNotContain("\n").doesNotContain("\r");
            }
        }
        assertThat(attachmentNames(letter)).contains("x__Bcc_ attacker@evil.example__X-Evil_ 1.pdf");
        assertThat(greenMail.getReceivedMessages())
            .allSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).doesNotContain("attacker"));
    }

    // --- minor: scratch files of a killed run
    // -------------------------------------------------------

    @Test
    void scratchFilesWithLetterContentLeftByAKilledRunAreRemovedByTheNextRun() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        OpsFixtures.createRegistry(data, DEPOSITS, SEED);
        RenewalOutputs outputs = new RenewalOutputs(out);
        // what a run of an earlier night left when it was killed while it built its batch
        // and wrote a letter
        LocalDate killed = RUN_DATE.minusDays(1);
        Path scratch = Files.createDirectories(outputs.paperDir(killed).resolve(".print-batch.pdf.scratch-8161"));
        Files.writeString(scratch.resolve("PDFBox1234.tmp"), "letter content");
        Path half = Files.createDirectories(outputs.paperDir(killed).resolve("letters"))
            .resolve(".notice-7.pdf.0123456789abcdef01234567.tmp");
        Files.writeString(half, "%PDF-1.7 half a letter");
        Path keep = Files.writeString(outputs.paperDir(killed).resolve("manifest.csv"), "notice_id\n");

        OpsFixtures.Result run = OpsFixtures.cli(OpsFixtures.props(data, out, SMTP_PORT), "renewal", "--run-date",
                RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(scratch).doesNotExist();
        assertThat(half).doesNotExist();
        assertThat(keep).exists();
    }

    // --- minor: a full data disk
    // ------------------------------------------------------------------

    /**
     * A really full disk: the data folder is a 100 kB tmpfs in a private mount namespace
     * ({@code unshare}), so HSQLDB and the log hit ENOSPC. The operator sees what failed
     * in one line naming the folder, no stack trace and none of Spring Batch's ERROR
     * lines.
     */
    @Test
    void aFullDataDiskIsSaidWithoutAStackTrace() throws Exception {
        Assumptions.assumeTrue(canMountTmpfs(), "unshare -rm cannot mount a tmpfs here");
        Delivery d = delivery(2_000, 5);
        Path data = Files.createDirectories(tmp.resolve("data"));
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(
                List.of("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=100k tmpfs \"$0\" && exec \"$@\"",
                        data.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(OpsFixtures.CHILD_JVM.split(" ")));
        command.addAll(List.of("-cp", classpath));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("dk.udlaendinge.batch.ops.Cli", "import", "--registry", d.registry().toString()));
        Path stdout = tmp.resolve("full.out");
        Path stderr = tmp.resolve("full.err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)).as("the import ended").isTrue();
        String err = Files.readString(stderr);
        String shown = "exit " + process.exitValue() + "\n--- stdout ---\n" + Files.readString(stdout)
                + "\n--- stderr ---\n" + err;
        assertThat(process.exitValue()).as(shown).isEqualTo(ExitCodes.FAILED);
        // what the disk refused is said, without a stack trace (logback's status listener
        // printed one per log line)
        assertThat(shown).containsPattern("No space left on device|Data File size limit is reached")
            .doesNotContain("\tat ")
            .doesNotContain("Exception")
            .doesNotContain("SQL [");
        // one line says it, naming the folder and what to do; Spring Batch's ERROR lines
        // stay in the log file
        assertThat(shown.lines().filter(l -> l.contains(" is full: "))).as(shown)
            .singleElement()
            .asString()
            .contains("app.data-dir (" + data.toAbsolutePath() + ")")
            .contains("./run.sh restart");
        assertThat(shown.lines().filter(l -> l.contains(" ERROR "))).as(shown).isEmpty();
    }

    private static boolean canMountTmpfs() {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1k tmpfs /mnt")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // --- minor: careless input
    // --------------------------------------------------------------------

    @Test
    void blankNamesAndCitiesAndAddressLinesTooLongForTheWindowAreRejectedWithTheirLine() throws Exception {
        Delivery d = delivery(5, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(d.registry(), StandardCharsets.UTF_8));
        lines.set(1, withField(lines.get(1), 3, "\u00a0\u00a0 \u00a0")); // reference_name:
                                                                         // only blanks
        lines.set(2, withField(lines.get(2), 6, " \u00a0 ")); // city: only blanks
        lines.set(3, withField(lines.get(3), 4, "Lange Gade " + "9".repeat(75))); // address_line:
                                                                                  // 86
                                                                                  // characters
        Path registry = Files.write(d.registry(), lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        OpsFixtures.Result imported = OpsFixtures.cli(OpsFixtures.props(tmp.resolve("data"), out, null), "import",
                "--registry", registry.toString());
        assertThat(imported.code()).as(imported.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(Files.readAllLines(out.resolve("rejects/registry.csv-rejects.csv"))).containsExactly(
                "line;column;reason", "2;reference_name;must not be empty (it has only blanks)",
                "3;city;must not be empty (it has only blanks)",
                "4;address_line;is too long for the envelope window: at most 80 characters, has 86");
    }

    // --- helpers
    // --------------------------------------------------------------------------------

    private static String withField(String line, int index, String value) {
        String[] fields = line.split(";", -1);
        fields[index] = value;
        return String.join(";", fields);
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String id(MimeMessage m) {
        try {
            return String.valueOf(m.getMessageID());
        }
        catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long noticeOf(Path data, String depositId) {
        return OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = ?", Long.class, depositId));
    }

    private static String status(Path data, long noticeId) {
        return OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT status FROM renewal_notice WHERE notice_id = ?", String.class, noticeId));
    }

    private static String skipReason(Path data, long noticeId) {
        return OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT skip_reason FROM renewal_notice WHERE notice_id = ?", String.class, noticeId));
    }

    private static List<String> attachmentNames(MimeMessage m) throws Exception {
        List<String> names = new ArrayList<>();
        if (m.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).getFileName() != null) {
                    names.add(multipart.getBodyPart(i).getFileName());
                }
            }
        }
        return names;
    }

}
