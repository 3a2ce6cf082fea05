package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes;
import dk.udlaendinge.batch.delivery.MunicipalShipments;
import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;
import dk.udlaendinge.batch.quota.model.QuotaInputException;
import dk.udlaendinge.batch.quota.model.QuotaInputs;
import dk.udlaendinge.batch.quota.model.QuotaRevision;
import dk.udlaendinge.batch.support.JobRuns;
import dk.udlaendinge.batch.support.JobTestContext;
import dk.udlaendinge.batch.support.SmtpTestServer;

/**
 * quotaWorkbookJob on a real file HSQLDB, writing real workbooks and sending to a real
 * SMTP server (GreenMail on its fixed test port), launched with Spring Batch's test
 * support and the parameters {@link QuotaRequests} names for a run, as
 * {@code ./run.sh quota} does; the checks cover the executions' statuses and step counts
 * and the report the command prints from them. What the command line adds (exit codes,
 * stale-run recovery) is tested through it in ops. Each test uses its own quota year, so
 * the tests share one context and database without seeing each other's files; the context
 * is the one {@link JobTestContext} shares with other job tests.
 */
class QuotaWorkbookJobFunctionalTests extends JobTestContext {

    private static final String COMPUTE = "computeQuotas";

    private static final String PUBLISH = "publishRevision";

    private static final String SEND = "sendMunicipalityWorkbooks";

    @RegisterExtension
    static GreenMailExtension greenMail = SmtpTestServer.perTest(SmtpTestServer.SPRING_TEST_PORT);

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    @Qualifier(QuotaJobConfiguration.JOB)
    Job job;

    @Autowired
    Folders app;

    @Autowired
    QuotaRequests requests;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MailGateway gateway;

    @Autowired
    MessageComposer composer;

    @Autowired
    PlatformTransactionManager tx;

    @Autowired
    MunicipalMailboxes mailboxes;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /**
     * One launch: the checked request and its execution (a record, not a JobExecution:
     * see {@link JobRuns}).
     */
    private record Launched(QuotaRequests.Request request, JobExecution execution) {
    }

    /**
     * As {@code ./run.sh quota}: the inputs checked and the run named by
     * {@link QuotaRequests}, the job launched with its parameters, and the command's
     * report of the execution printed.
     */
    private Launched launch(int year, long nationalFigure, Path statistics, Path agreements) throws Exception {
        QuotaRequests.Request request = requests.prepare(year, nationalFigure, statistics, agreements);
        JobExecution execution = JobRuns.launch(jobs, job, request.parameters());
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            requests.reportCompleted(request, execution, new PrintStream(stdout, true, StandardCharsets.UTF_8));
        }
        else {
            requests.reportUnfinished(request, execution, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        }
        return new Launched(request, execution);
    }

    /**
     * The same inputs as a published and sent revision: the same, completed job instance;
     * nothing runs.
     */
    private void assertUnchanged(int year, long nationalFigure, Path statistics) {
        QuotaRequests.Request request = requests.prepare(year, nationalFigure, statistics, null);
        assertThatThrownBy(() -> JobRuns.launch(jobs, job, request.parameters()))
            .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        requests.reportUnchanged(request, new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    /**
     * A whole run: the three steps completed, {@code workbooks} written, {@code sent}
     * messages sent.
     */
    private static void assertCompleted(JobExecution execution, int workbooks, int sent) {
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactly(COMPUTE, PUBLISH, SEND);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStatus)
            .containsOnly(BatchStatus.COMPLETED);
        assertThat(JobRuns.step(execution, COMPUTE).getWriteCount()).as("workbooks").isEqualTo(workbooks);
        assertThat(JobRuns.step(execution, SEND).getWriteCount()).as("messages sent").isEqualTo(sent);
    }

    /**
     * The quota demo's loop ({@code ./run.sh quota --demo}): what became of each national
     * figure.
     */
    private List<String> demo() throws Exception {
        List<String> outcomes = new ArrayList<>();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        for (long figure : QuotaRequests.DEMO_NATIONAL_FIGURES) {
            if (!requests.demoFigureToRun(figure, out)) {
                outcomes.add(figure + " skipped");
                continue;
            }
            QuotaRequests.Request request = requests.prepare(QuotaRequests.DEMO_YEAR, figure, requests.demoStatistics(),
                    null);
            try {
                JobExecution execution = JobRuns.launch(jobs, job, request.parameters());
                assertCompleted(execution, 99, 98);
                requests.reportCompleted(request, execution, out);
                outcomes.add(figure + " revision " + request.revision());
            }
            catch (JobInstanceAlreadyCompleteException e) {
                requests.reportUnchanged(request, out);
                outcomes.add(figure + " unchanged");
            }
        }
        return outcomes;
    }

    // ---- the normal flow: files, workbook, mail, rerun, revision
    // -------------------------------

    @Test
    void writesWorkbooksSendsThemAndMakesARevisionOnlyForNewInputs() throws Exception {
        int year = 2016;
        Path stats = statistics("statistics-" + year + ".csv", UnaryOperator.identity());
        assertCompleted(launch(year, 4000, stats, null).execution(), 99, 98);
        assertThat(stdout.toString()).contains("Quota 2016 revision 1", "national figure 4,000", "99 workbooks",
                "98 municipality messages (98 digital");

        Path dir = out(year);
        Map<Integer, Long> csv = csvQuotas(dir.resolve("kvoter-2016.csv"));
        assertThat(csv).hasSize(98);
        assertThat(csv.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4000);
        assertThat(Files.readAllLines(dir.resolve("kvoter-2016.csv")).get(0))
            .isEqualTo("municipality_code;municipality_name;region_code;quota;agreed");
        assertThat(Files.readAllLines(dir.resolve("kvoter-2016.csv")).get(1)).startsWith("101;København;1084;")
            .endsWith(";false");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kvoter-2016.xlsx"))))
            .isEqualTo("rw-------");
        try (var files = Files.list(dir.resolve("kommuner"))) {
            assertThat(files.count()).isEqualTo(98);
        }
        assertThat(dir.resolve("kommuner/101-København-2016.xlsx")).exists();

        try (XSSFWorkbook wb = open(dir.resolve("kvoter-2016.xlsx"))) {
            assertThat(sheetNames(wb)).containsExactly("Metode", "Regionskvoter", "Kommunekvoter");
            XSSFSheet m = wb.getSheet("Kommunekvoter");
            Map<String, Integer> col = headers(m);
            assertThat(m.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Kommunekode");
            assertThat(col).containsKeys("Kommune", "Region", "Folketal", "Indvandrere og flygtninge",
                    "Familiesammenførte", "Befolkningsandel", "Andel indvandrere og flygtninge", "Fordelingsandel",
                    "Beregnet fordelingstal", "Foreløbigt fordelingstal", "Skaleret fordelingstal", "Kvote", "Aftalt")
                .doesNotContainKey("Ændring");
            Map<Integer, Long> fromSheet = new HashMap<>();
            for (int r = 1; r <= 98; r++) {
                Row row = m.getRow(r);
                Cell quota = row.getCell(col.get("Kvote"));
                assertThat(quota.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(quota.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
                assertThat(row.getCell(col.get("Befolkningsandel")).getCellStyle().getDataFormatString())
                    .isEqualTo("0.0000%");
                assertThat(row.getCell(col.get("Beregnet fordelingstal")).getCellStyle().getDataFormatString())
                    .isEqualTo("#,##0.0000");
                assertThat(row.getCell(col.get("Folketal")).getCellType()).isEqualTo(CellType.NUMERIC);
                fromSheet.put((int) row.getCell(0).getNumericCellValue(), (long) quota.getNumericCellValue());
            }
            assertThat(fromSheet).isEqualTo(csv);
            Row total = m.getRow(99);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("I alt");
            assertThat(total.getCell(col.get("Kvote")).getNumericCellValue()).isEqualTo(4000.0);
            assertFrozenFilteredAndWide(m);

            XSSFSheet regions = wb.getSheet("Regionskvoter");
            Map<String, Integer> rc = headers(regions);
            double regionSum = 0;
            for (int r = 1; r <= 5; r++) {
                regionSum += regions.getRow(r).getCell(rc.get("Kvote")).getNumericCellValue();
            }
            assertThat(regionSum).isEqualTo(4000.0);
            assertThat(regions.getRow(6).getCell(rc.get("Fordelingsandel")).getNumericCellValue()).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-12));
            assertFrozenFilteredAndWide(regions);
            assertThat(text(wb.getSheet("Metode")))
                .contains("Landstal", "vores regel", "nr. 50 af 18. januar 2008", "statistics-2016.csv")
                .doesNotContain("DEMODATA");
        }

        // Digital Post: one message per municipality with its workbook and a stable
        // Message-ID
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(98);
        MimeMessage toCopenhagen = java.util.Arrays.stream(received)
            .filter(x -> header(x, "Message-ID").startsWith("<quota.2016.r1.101@"))
            .findFirst()
            .orElseThrow();
        assertThat(toCopenhagen.getAllRecipients()[0].toString()).isEqualTo("kommune-101@digitalpost.example");
        assertThat(toCopenhagen.getSubject()).isEqualTo("Flygtningekvote 2016 for København Kommune");
        assertThat(attachmentNames(toCopenhagen)).containsExactly("101-København-2016.xlsx");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quota_message WHERE quota_year = 2016", Integer.class))
            .isEqualTo(98);

        // the same inputs again: nothing changes, nothing is sent
        FileTime written = Files.getLastModifiedTime(dir.resolve("kvoter-2016.xlsx"));
        stdout.reset();
        assertUnchanged(year, 4000, stats);
        assertThat(stdout.toString()).contains("nothing changed");
        assertThat(Files.getLastModifiedTime(dir.resolve("kvoter-2016.xlsx"))).isEqualTo(written);
        assertThat(greenMail.getReceivedMessages()).hasSize(98);
        assertThat(dir.resolve("previous")).doesNotExist();

        // the national figure is revised: revision 2 replaces the set, revision 1 is kept
        stdout.reset();
        Launched second = launch(year, 12000, stats, null);
        assertThat(second.request().revision()).isEqualTo(2);
        assertCompleted(second.execution(), 99, 98);
        assertThat(stdout.toString()).contains("revision 2");
        assertThat(csvQuotas(dir.resolve("previous/1/kvoter-2016.csv"))).isEqualTo(csv);
        assertThat(dir.resolve("previous/1/kommuner/101-København-2016.xlsx")).exists();
        Map<Integer, Long> revised = csvQuotas(dir.resolve("kvoter-2016.csv"));
        assertThat(revised.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12000);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kvoter-2016.csv",
                    "kvoter-2016.xlsx", "kommuner", "previous", "revision.properties");
        }
        try (XSSFWorkbook wb = open(dir.resolve("kvoter-2016.xlsx"))) {
            XSSFSheet m = wb.getSheet("Kommunekvoter");
            Map<String, Integer> col = headers(m);
            for (int r = 1; r <= 98; r++) {
                Row row = m.getRow(r);
                int code = (int) row.getCell(0).getNumericCellValue();
                assertThat((long) row.getCell(col.get("Forrige kvote")).getNumericCellValue()).isEqualTo(csv.get(code));
                assertThat((long) row.getCell(col.get("Ændring")).getNumericCellValue())
                    .isEqualTo(revised.get(code) - csv.get(code));
            }
            assertThat(m.getRow(99).getCell(col.get("Ændring")).getNumericCellValue()).isEqualTo(8000.0);
            assertThat(text(wb.getSheet("Metode"))).contains("revision 1 af 2016");
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(196);
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).map(x -> header(x, "Message-ID")))
            .anyMatch(id -> id.startsWith("<quota.2016.r2.860@"));
    }

    // ---- a municipality set to zero, and an agreement
    // ------------------------------------------

    @Test
    void municipalityWorkbookShowsHowAZeroQuotaCameAbout() throws Exception {
        int year = 2017;
        // Ishøj (183) with very many family-reunified: its preliminary figure is negative
        Path stats = statistics("statistics-" + year + ".csv",
                line -> line.startsWith("183;") ? "183;21555;3900;400" : line);
        Path agreements = write("agreements-" + year + ".csv", "level;code;quota\nMUNICIPALITY;101;300\n");
        assertCompleted(launch(year, 12000, stats, agreements).execution(), 99, 98);
        Map<Integer, Long> csv = csvQuotas(out(year).resolve("kvoter-2017.csv"));
        assertThat(csv).containsEntry(183, 0L).containsEntry(101, 300L);
        assertThat(Files.readAllLines(out(year).resolve("kvoter-2017.csv"))).contains("101;København;1084;300;true",
                "183;Ishøj;1084;0;false");

        try (XSSFWorkbook wb = open(out(year).resolve("kommuner/183-Ishøj-2017.xlsx"))) {
            assertThat(sheetNames(wb)).containsExactly("Kommunens kvote", "Regionen", "Metode");
            Map<String, Row> own = labelled(wb.getSheet("Kommunens kvote"));
            assertThat(own.get("Kvote").getCell(1).getNumericCellValue()).isEqualTo(0.0);
            assertThat(own.get("Kvote").getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(own.get("Foreløbigt fordelingstal (f)").getCell(1).getNumericCellValue()).isNegative();
            assertThat(own.get("Skaleret fordelingstal (e)").getCell(1).getNumericCellValue()).isEqualTo(0.0);
            assertThat(own.get("Skaleret fordelingstal (e)").getCell(2).getStringCellValue()).contains("sættes til 0");
            assertThat(own.get("Fordelingsandel (a)").getCell(1).getCellStyle().getDataFormatString())
                .isEqualTo("0.0000%");
            assertThat(own.get("Aftalte kommunekvoter i regionen").getCell(1).getNumericCellValue()).isEqualTo(300.0);
            assertThat(own.get("Familiesammenførte (F)").getCell(1).getNumericCellValue()).isEqualTo(400.0);

            XSSFSheet region = wb.getSheet("Regionen");
            Map<String, Integer> col = headers(region);
            int rows = region.getLastRowNum(); // the total row
            double sum = 0;
            for (int r = 1; r < rows; r++) {
                Row row = region.getRow(r);
                assertThat(row.getCell(col.get("Regionskode")).getNumericCellValue()).isEqualTo(1084.0);
                if (row.getCell(0).getNumericCellValue() == 101) {
                    assertThat(row.getCell(col.get("Aftalt")).getStringCellValue()).isEqualTo("Ja");
                    assertThat(row.getCell(col.get("Fordelingsandel"))).isNull();
                }
                sum += row.getCell(col.get("Kvote")).getNumericCellValue();
            }
            assertThat(region.getRow(rows).getCell(col.get("Kvote")).getNumericCellValue()).isEqualTo(sum);
            assertThat(region.getRow(rows).getCell(col.get("Foreløbigt fordelingstal")).getNumericCellValue())
                .isCloseTo(sum - 300, org.assertj.core.data.Offset.offset(1e-6));
            assertFrozenFilteredAndWide(region);
        }
        try (XSSFWorkbook wb = open(out(year).resolve("kvoter-2017.xlsx"))) {
            // last year's quotas (2016) exist in the test's output folder only if that
            // test ran first: either way valid
            assertThat(text(wb.getSheet("Metode"))).contains("Aftalt kvote: Kommune 101 København",
                    "agreements-2017.csv");
        }
    }

    // ---- bad input: a clear message, exit 2, nothing written
    // -----------------------------------

    @Test
    void badInputIsRefusedWithFileLineAndMunicipalityAndWritesNothing() throws Exception {
        int year = 2018;
        String header = QuotaInputs.STATISTICS_HEADER;
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("missing file",
                new Object[] { inputs().resolve("no-such.csv"), null, "no-such.csv", "does not exist" });
        cases.put("empty", new Object[] { write("empty.csv", ""), null, "empty.csv", "is empty" });
        cases.put("wrong header", new Object[] { write("header.csv", "kode;folketal;i;f\n101;1;0;0\n"), null,
                "header.csv line 1", "wrong header" });
        cases
            .put("invalid UTF-8",
                    new Object[] {
                            writeBytes("latin1.csv",
                                    (header + "\n101;1;0;0\n147;K\u00f8ge;0;0\n")
                                        .getBytes(StandardCharsets.ISO_8859_1)),
                            null, "latin1.csv line 3", "not valid UTF-8" });
        cases.put("non-numeric",
                new Object[] { statistics("nonnumeric.csv", l -> l.startsWith("147;") ? "147;103.608;9507;66" : l),
                        null, "nonnumeric.csv line 3 (municipality 147 Frederiksberg)",
                        "population '103.608' is not a whole number" });
        cases.put("missing municipality", new Object[] {
                statistics("missing.csv", l -> l.startsWith("825;") ? null : l), null, "missing.csv", "825 Læsø" });
        cases.put("duplicate", new Object[] { statistics("dup.csv", l -> l.startsWith("151;") ? l + "\n" + l : l), null,
                "dup.csv line 5", "151 Ballerup appears a second time (first at" });
        cases.put("unknown code",
                new Object[] { statistics("unknown.csv", l -> l.startsWith("151;") ? l + "\n999;10;1;0" : l), null,
                        "unknown.csv line 5", "unknown municipality code 999" });
        cases.put("negative",
                new Object[] { statistics("negative.csv", l -> l.startsWith("153;") ? "153;34555;100;-3" : l), null,
                        "negative.csv line 5: municipality 153 Brøndby", "negative count" });
        cases.put("I > P",
                new Object[] { statistics("ip.csv", l -> l.startsWith("155;") ? "155;100;101;0" : l), null,
                        "ip.csv line 6: municipality 155 Dragør",
                        "more immigrants and refugees (101) than inhabitants (100)" });
        Path good = statistics("good-" + year + ".csv", UnaryOperator.identity());
        cases.put("agreements over the region",
                new Object[] { good, write("agr-over.csv", "level;code;quota\nMUNICIPALITY;101;3000\n"),
                        "agr-over.csv line 2", "more than the quota" });
        cases.put("five regions not adding up", new Object[] { good, write("agr-five.csv",
                "level;code;quota\nREGION;1081;100\nREGION;1082;100\nREGION;1083;100\nREGION;1084;100\nREGION;1085;100\n"),
                "agr-five.csv lines 2, 3, 4, 5, 6:", "add up to 500 instead of the national figure 4000" });
        cases.put("bad level", new Object[] { good, write("agr-level.csv", "level;code;quota\nKOMMUNE;101;5\n"),
                "agr-level.csv line 2", "must be REGION or MUNICIPALITY" });
        cases.put("agreements header", new Object[] { good, write("agr-header.csv", "niveau;kode;kvote\n"),
                "agr-header.csv line 1", "expected level;code;quota" });

        // refused before any job runs: the command prints the message as one line and
        // exits 2 (ops.BadInputTests has one case)
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Object[] v = c.getValue();
            assertThatThrownBy(() -> requests.prepare(year, 4000, (Path) v[0], (Path) v[1])).as(c.getKey())
                .isInstanceOf(QuotaInputException.class)
                .hasMessageContaining((String) v[2])
                .hasMessageContaining((String) v[3])
                .satisfies(e -> assertThat(e.getMessage().lines().count()).as(c.getKey() + ": one line").isEqualTo(1));
        }
        assertThat(jobs.getJobRepository().getJobInstances(QuotaJobConfiguration.JOB, 0, 100)).as("no run of " + year)
            .noneMatch(i -> jobs.getJobRepository()
                .getJobExecutions(i)
                .stream()
                .anyMatch(e -> Long.valueOf(year).equals(e.getJobParameters().getLong(QuotaJobConfiguration.YEAR))));
        assertThat(out(year)).doesNotExist();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        // bad input for a year that has quotas leaves them exactly as they are
        publishDirectly(year, good);
        FileTime before = Files.getLastModifiedTime(out(year).resolve("kvoter-2018.xlsx"));
        assertThatThrownBy(() -> requests.prepare(year, 5000, (Path) cases.get("I > P")[0], null))
            .isInstanceOf(QuotaInputException.class);
        assertThat(Files.getLastModifiedTime(out(year).resolve("kvoter-2018.xlsx"))).isEqualTo(before);
        assertThat(new YearFolder(app.outputDir(), year).current().orElseThrow().revision()).isEqualTo(1);
        assertThat(out(year).resolve("previous")).doesNotExist();
    }

    // ---- the demo
    // ------------------------------------------------------------------------------

    @Test
    void demoMakesTwoRevisionsOf2015AndIsRepeatable() throws Exception {
        assertThat(demo()).containsExactly("4000 revision 1", "12000 revision 2");
        Path dir = out(2015);
        YearFolder.Manifest current = new YearFolder(app.outputDir(), 2015).current().orElseThrow();
        assertThat(current.revision()).isEqualTo(2);
        assertThat(current.nationalFigure()).isEqualTo(12000);
        assertThat(
                csvQuotas(dir.resolve("previous/1/kvoter-2015.csv")).values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(4000);
        try (XSSFWorkbook wb = open(dir.resolve("kvoter-2015.xlsx"))) {
            assertThat(text(wb.getSheet("Metode"))).contains("DEMODATA", "demodata", "statistics-2015-demo.csv",
                    "revision 1 af 2015");
            assertThat(headers(wb.getSheet("Kommunekvoter"))).containsKey("Ændring");
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(196);

        stdout.reset();
        assertThat(demo()).containsExactly("4000 skipped", "12000 unchanged");
        assertThat(stdout.toString()).contains("skipped", "nothing changed");
        assertThat(new YearFolder(app.outputDir(), 2015).current().orElseThrow().revision()).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(196);
    }

    // ---- over the Digital Post limit: paper, recorded once
    // ---------------------------------------

    @Test
    void messagesOverTheLimitAreRecordedForPaperOnce() throws Exception {
        int year = 2021;
        YearFolder folder = new YearFolder(app.outputDir(), year);
        YearFolder.Manifest manifest = publishDirectly(year,
                statistics("statistics-" + year + ".csv", UnaryOperator.identity()));

        QuotaWorkbookSender tiny = new QuotaWorkbookSender(gateway,
                new MunicipalShipments(gateway, composer, jdbc, tx, mailboxes, 1000, java.time.Clock.systemUTC()),
                composer, jdbc, tx, app);
        QuotaWorkbookSender.Delivery d = tiny.sendAll(folder, manifest);
        assertThat(d.paper()).isEqualTo(98);
        assertThat(d.digital()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        List<String> paper = Files.readAllLines(folder.dir().resolve("paper.csv"));
        assertThat(paper).hasSize(99);
        assertThat(paper.get(1)).startsWith("101;København;kommuner/101-København-2021.xlsx;quota.2021.r1.101;")
            .endsWith(";SIZE");

        assertThat(tiny.sendAll(folder, manifest).sentNow()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quota_message WHERE quota_year = 2021", Integer.class))
            .isEqualTo(98);
    }

    // ---- a failed send is finished by running the same command again
    // ---------------------------

    @Test
    void aRunThatFailedWhileSendingIsResumedWithoutResending() throws Exception {
        int year = 2022;
        Path stats = statistics("statistics-" + year + ".csv", UnaryOperator.identity());
        greenMail.stop();
        JobExecution failed = launch(year, 1000, stats, null).execution();
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getStepExecutions()).extracting(StepExecution::getStepName, StepExecution::getStatus)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(COMPUTE, BatchStatus.COMPLETED),
                    org.assertj.core.groups.Tuple.tuple(PUBLISH, BatchStatus.COMPLETED),
                    org.assertj.core.groups.Tuple.tuple(SEND, BatchStatus.FAILED));
        assertThat(JobRuns.step(failed, SEND).getWriteCount()).isZero();
        assertThat(stderr.toString()).contains("SMTP gateway localhost:" + SmtpTestServer.SPRING_TEST_PORT,
                "run the same command again");
        assertThat(new YearFolder(app.outputDir(), year).current().orElseThrow().revision()).isEqualTo(1); // published
        greenMail.start();

        stdout.reset();
        // the same command again restarts the failed instance: only the step that failed
        // runs
        Launched resumed = launch(year, 1000, stats, null);
        assertThat(resumed.execution().getStatus()).as(stderr.toString()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.execution().getJobInstance().getInstanceId())
            .isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(resumed.execution().getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactly(SEND);
        assertThat(JobRuns.step(resumed.execution(), SEND).getWriteCount()).isEqualTo(98);
        assertThat(stdout.toString()).contains("revision 1", "98 digital");
        assertThat(greenMail.getReceivedMessages()).hasSize(98);
        assertThat(out(year).resolve("previous")).doesNotExist();
    }

    // ---- helpers
    // -------------------------------------------------------------------------------

    /**
     * Revision 1 of {@code year} written and published without the job (nothing sent):
     * quicker set-up.
     */
    private YearFolder.Manifest publishDirectly(int year, Path statistics) {
        QuotaInputs inputs = QuotaInputs.read(year, 500, statistics, null);
        YearFolder folder = new YearFolder(app.outputDir(), year);
        QuotaFiles.writeAll(new QuotaRevision(inputs, inputs.compute(), 1, null, Instant.now()), folder.staging(1));
        YearFolder.Manifest manifest = new YearFolder.Manifest(1, inputs.inputHash(), 500, false);
        YearFolder.writeManifest(folder.staging(1), manifest);
        folder.publish(1);
        return manifest;
    }

    /**
     * The input files, in a folder of this class beside the context's data and output
     * folders.
     */
    private Path inputs() {
        return app.dataDir().resolveSibling("quota-inputs");
    }

    private Path out(int year) {
        return app.outputDir().resolve("quota").resolve(String.valueOf(year));
    }

    /** The demo statistics with lines changed ({@code null} drops a line). */
    private Path statistics(String name, UnaryOperator<String> edit) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String edited = line.startsWith("municipality_code") ? line : edit.apply(line);
                if (edited != null) {
                    lines.add(edited);
                }
            }
        }
        return write(name, String.join("\n", lines) + "\n");
    }

    private Path write(String name, String content) throws IOException {
        return writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path writeBytes(String name, byte[] content) throws IOException {
        Path file = inputs().resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static Map<Integer, Long> csvQuotas(Path csv) throws IOException {
        Map<Integer, Long> q = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(";");
            q.put(Integer.parseInt(f[0]), Long.parseLong(f[3]));
        }
        return q;
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static Map<String, Integer> headers(Sheet sheet) {
        Map<String, Integer> col = new HashMap<>();
        for (Cell c : sheet.getRow(0)) {
            col.put(c.getStringCellValue(), c.getColumnIndex());
        }
        return col;
    }

    /** Rows of a label/value sheet by their label in column A. */
    private static Map<String, Row> labelled(Sheet sheet) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : sheet) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING) {
                rows.put(c.getStringCellValue(), r);
            }
        }
        return rows;
    }

    private static String text(Sheet sheet) {
        StringBuilder s = new StringBuilder();
        for (Row r : sheet) {
            for (Cell c : r) {
                s.append(c.getCellType() == CellType.STRING ? c.getStringCellValue()
                        : String.valueOf(c.getNumericCellValue()))
                    .append('\n');
            }
        }
        return s.toString();
    }

    private static void assertFrozenFilteredAndWide(XSSFSheet sheet) {
        assertThat(sheet.getPaneInformation()).isNotNull();
        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isTrue();
        for (Cell c : sheet.getRow(0)) {
            assertThat(sheet.getColumnWidth(c.getColumnIndex())).as(c.getStringCellValue())
                .isGreaterThanOrEqualTo(9 * 256);
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        }
        catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> attachmentNames(MimeMessage m) throws Exception {
        List<String> names = new ArrayList<>();
        Multipart mp = (Multipart) m.getContent();
        for (int k = 0; k < mp.getCount(); k++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(mp.getBodyPart(k).getDisposition())) {
                names.add(mp.getBodyPart(k).getFileName());
            }
        }
        return names;
    }

}
