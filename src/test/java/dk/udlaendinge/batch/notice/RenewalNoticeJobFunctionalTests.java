package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.common.CsvInputFile;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.deposit.RegistryImportJobConfiguration;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.support.JobFunctionalTest;
import dk.udlaendinge.batch.support.JobRuns;
import dk.udlaendinge.batch.support.Mails;
import dk.udlaendinge.batch.support.SmtpTestServer;

/**
 * Runs the real renewal job on a real file HSQLDB, sending through a real SMTP server
 * (GreenMail), over a sequence of run dates for the six sample deposits, and checks what
 * came out: the executions' statuses and step counts, messages and their attachments, the
 * letter's text, the paper batch, the municipality lists and the journal. The jobs are
 * launched with Spring Batch's test support, with the parameters the commands give them;
 * what the commands add (the dry run, the summary) is tested through the command line in
 * ops.
 */
@JobFunctionalTest
@TestPropertySource(properties = { "spring.mail.host=localhost",
        "spring.mail.port=" + SmtpTestServer.SHARED_PORT_PLACEHOLDER, "app.renewal.partitions=2" })
class RenewalNoticeJobFunctionalTests {

    @TempDir
    static Path dir;

    @RegisterExtension
    static GreenMailExtension greenMail = SmtpTestServer.perClass(SmtpTestServer.SHARED_PORT);

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
    }

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    @Qualifier(RegistryImportJobConfiguration.JOB)
    Job registryImportJob;

    @Autowired
    @Qualifier(RenewalNoticeJobConfiguration.JOB)
    Job renewalNoticeJob;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sendsEachDueNoticeOnceOverASequenceOfRunDates() throws Exception {
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("docs"));
        try (InputStream in = getClass().getResourceAsStream("/samples/registry-example.csv")) {
            Files.copy(in, input.resolve("registry.csv"));
        }
        try (InputStream in = getClass().getResourceAsStream("/samples/documents-example.csv")) {
            Files.copy(in, input.resolve("documents.csv"));
        }
        CaseDocumentFactory.write(input.resolve("docs/EX-0002-anfordringsgaranti.pdf"), 40_000, "Anfordringsgaranti");
        // 8.2 MB of incompressible content: over 10 MB once base64-encoded in the message
        CaseDocumentFactory.write(input.resolve("docs/EX-0005-pantsaetningserklaering.pdf"), 8_200_000, "Pant");

        JobExecution imported = JobRuns.launch(jobs, registryImportJob,
                importOf(input.resolve("registry.csv"), input.resolve("documents.csv")));
        assertThat(imported.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(JobRuns.counts(imported, RegistryImportJobConfiguration.IMPORT_DEPOSITS))
            .isEqualTo("read 6, written 6, skipped 0");
        assertThat(JobRuns.counts(imported, RegistryImportJobConfiguration.IMPORT_CASE_DOCUMENTS))
            .isEqualTo("read 2, written 2, skipped 0");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Integer.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_document", Integer.class)).isEqualTo(2);

        // --- 2014-12-01: EX-0002 (4-year group, permit 2011-03-01) expires 2015-03-01 =
        // run date + 90 days
        JobExecution first = JobRuns.launch(jobs, renewalNoticeJob, runDate("2014-12-01"));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getStepExecutions().stream().map(StepExecution::getStepName).filter(n -> !n.contains(":")))
            .containsExactly(RenewalNoticeJobConfiguration.SEND, RenewalNoticeJobConfiguration.LISTS,
                    RenewalNoticeJobConfiguration.PRINT, RenewalNoticeJobConfiguration.JOURNAL);
        assertThat(first.getStepExecutions()
            .stream()
            .filter(s -> s.getStepName().startsWith(RenewalNoticeJobConfiguration.SEND_WORKER + ":")))
            .as("app.renewal.partitions")
            .hasSize(2);
        assertThat(first.getStepExecutions()
            .stream()
            .filter(s -> s.getStepName().startsWith(RenewalNoticeJobConfiguration.SEND_WORKER + ":"))
            .mapToLong(s -> s.getExecutionContext().getLong(RenewalNoticeJobConfiguration.SELECTED_COUNT)))
            .as("selected by the send partitions")
            .containsExactlyInAnyOrder(0L, 1L);
        assertThat(JobRuns.counts(first, RenewalNoticeJobConfiguration.SEND)).isEqualTo("read 1, written 1, skipped 0");
        Map<String, MimeMessage> mails = byMessageId(greenMail.getReceivedMessages());
        assertThat(mails).hasSize(2);
        long noticeId = jdbc.queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = 'EX-0002'",
                Long.class);
        MimeMessage notice = mails.get("<notice-" + noticeId + "@udlaendinge-batch.nyidanmark.dk>");
        assertThat(notice).isNotNull();
        assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("jens.ostergaard@digitalpost.example");
        assertThat(notice.getSubject()).isEqualTo("Forlængelse af økonomisk sikkerhed");
        List<Mails.Attached> attachments = Mails.attachments(notice);
        assertThat(attachments).extracting(Mails.Attached::fileName)
            .containsExactly("brev-forlaengelse-af-sikkerhed.pdf", "ansoegning-om-forlaengelse.pdf",
                    "EX-0002-anfordringsgaranti.pdf");
        String letter = Mails.pdfText(attachments.get(0).content());
        // EX-0002: a 2011 security of 50,000.00 whose spouse passed A1 but was never
        // reduced: its own amount
        assertThat(letter)
            .contains("Forlængelse af økonomisk sikkerhed", "FAM/2011/100355", "Jens Østergaard", "Maria Santos",
                    "50.000,00 kr.", "1. marts 2015", "35 36 66 00", "77940413")
            .doesNotContain("kan ikke længere forlænges");
        assertThat(Mails.pdfText(attachments.get(1).content())).contains("Ansøgning om forlængelse");
        assertThat(attachments.get(2).content())
            .isEqualTo(Files.readAllBytes(input.resolve("docs/EX-0002-anfordringsgaranti.pdf")));

        MimeMessage list = mails.get("<list-2014-12-01-461@udlaendinge-batch.nyidanmark.dk>");
        assertThat(list.getAllRecipients()[0].toString()).isEqualTo("kommune-461@digitalpost.example");
        try (XSSFWorkbook wb = new XSSFWorkbook(
                new java.io.ByteArrayInputStream(Mails.attachments(list).get(0).content()))) {
            Sheet sheet = wb.getSheet("Fornyelsesbreve");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Sagsnummer");
            Row row = sheet.getRow(2);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("FAM/2011/100355");
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("Jens Østergaard");
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("Maria Santos");
            assertThat(row.getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2015-03-01");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(50000.00);
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo("Digital Post");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getRow(3)).isNull();
        }
        List<String> journal = journal("2014-12-01");
        assertThat(journal.get(0)).isEqualTo(
                "notice_id;deposit_id;municipality_code;expiry_date;overdue;amount_dkk;channel;reason;message_bytes;"
                        + "extend_until;transport");
        assertThat(journal).hasSize(2);
        assertThat(journal.get(1)).startsWith(noticeId + ";EX-0002;461;2015-03-01;false;50000.00;DIGITAL;;")
            // set B: extend until ten years from the permit of 2011-03-01
            // (docs/RENEWAL-RULES.md)
            .endsWith(";2021-03-01;smtp");
        String[] fields = journal.get(1).split(";", -1);
        long bytes = Long.parseLong(fields[8]);
        assertThat(bytes).isBetween(20_000L, 1_000_000L);

        // --- the same run date again: the instance is complete, nothing new goes out
        assertThatThrownBy(() -> JobRuns.launch(jobs, renewalNoticeJob, runDate("2014-12-01")))
            .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        // a later date whose window still covers EX-0002's expiry does not notify it
        // again
        JobExecution later = JobRuns.launch(jobs, renewalNoticeJob, runDate("2015-01-15"));
        assertThat(later.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(JobRuns.counts(later, RenewalNoticeJobConfiguration.SEND)).isEqualTo("read 0, written 0, skipped 0");
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(journal("2015-01-15")).hasSize(1);

        // --- 2016-06-01: EX-0003 (posted 2012-06-30, the last day of the 4-year group)
        // expires
        // 2016-07-20; the person is exempt from Digital Post, so the letter goes to paper
        assertThat(JobRuns.launch(jobs, renewalNoticeJob, runDate("2016-06-01")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);
        assertThat(greenMail.getReceivedMessages()).hasSize(3); // only the list for
                                                                // Roskilde (265)
        Path paper = dir.resolve("out/paper/2016-06-01");
        List<String> manifest = Files.readAllLines(paper.resolve("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest.get(0)).isEqualTo("notice_id;deposit_id;name;address;page_count;reason");
        assertThat(manifest).hasSize(2);
        String[] row = manifest.get(1).split(";");
        assertThat(row[1]).isEqualTo("EX-0003");
        assertThat(row[2]).isEqualTo("Sofie Nielsen");
        assertThat(row[3]).isEqualTo("Algade 20, 4000 Roskilde");
        assertThat(row[5]).isEqualTo("EXEMPT");
        byte[] batch = Files.readAllBytes(paper.resolve("print-batch.pdf"));
        int letterPages = Integer.parseInt(row[4]);
        assertThat(letterPages).isGreaterThanOrEqualTo(2); // letter + extension form
        assertThat(Mails.pdfPages(batch)).isEqualTo(letterPages + letterPages % 2); // padded
                                                                                    // to
                                                                                    // a
                                                                                    // whole
                                                                                    // sheet
        assertThat(Mails.pdfText(batch)).contains("Sofie Nielsen", "Thabo Mokoena", "50.000,00 kr."); // registry
                                                                                                      // amount,
                                                                                                      // not
                                                                                                      // 40
                                                                                                      // %
                                                                                                      // of
                                                                                                      // 2016's
                                                                                                      // level
        assertThat(journal("2016-06-01")).hasSize(2)
            .element(1)
            .asString()
            .contains(";EX-0003;265;2016-07-20;false;")
            .contains(";PAPER;EXEMPT;");

        // --- 2018-03-15: EX-0005 expired 2018-02-28: overdue; its 8 MB case document
        // makes the
        // message larger than 10 MB, so it goes to paper with reason SIZE
        assertThat(JobRuns.launch(jobs, renewalNoticeJob, runDate("2018-03-15")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);
        List<String> late = journal("2018-03-15");
        assertThat(late).hasSize(2);
        String[] lateRow = late.get(1).split(";");
        assertThat(lateRow).containsSubsequence("EX-0005", "851", "2018-02-28", "true", "50800.00", "PAPER", "SIZE");
        assertThat(Long.parseLong(lateRow[8])).isGreaterThan(10L * 1024 * 1024);
        byte[] lateBatch = Files.readAllBytes(dir.resolve("out/paper/2018-03-15/print-batch.pdf"));
        assertThat(Mails.pdfText(lateBatch)).contains("kan ikke længere forlænges", "Anne Mølgaard", "50.800,00 kr.");

        // EX-0001 (posted 2009, never renewed), EX-0004 (permanent residence) and EX-0006
        // (not yet due)
        assertThat(jdbc.queryForList("SELECT deposit_id FROM renewal_notice ORDER BY deposit_id", String.class))
            .containsExactly("EX-0002", "EX-0003", "EX-0005");
        assertThat(jdbc.queryForList("SELECT deposit_id || ' ' || status FROM renewal_notice ORDER BY deposit_id",
                String.class))
            .containsExactly("EX-0002 SENT", "EX-0003 SENT", "EX-0005 SENT");

        // files holding personal data are readable by their owner only
        assertThat(permissions(paper.resolve("print-batch.pdf"))).isEqualTo("rw-------");
        assertThat(permissions(paper.resolve("manifest.csv"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("out/journal/2016-06-01/notices.csv"))).isEqualTo("rw-------");
    }

    /**
     * The parameters the import command gives: the files and their fingerprint identify
     * the run.
     */
    private static JobParameters importOf(Path registry, Path documents) {
        return new JobParametersBuilder()
            .addString(RegistryImportJobConfiguration.PARAM_REGISTRY, registry.toAbsolutePath().toString())
            .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS, documents.toAbsolutePath().toString())
            .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT,
                    CsvInputFile.check(registry, "registry file", RegistryColumns.NAMES)
                            + CsvInputFile.check(documents, "documents file", RegistryColumns.DOCUMENT_NAMES))
            .toJobParameters();
    }

    /**
     * The renewal job is identified by its run date alone, as the renewal command starts
     * it.
     */
    private static JobParameters runDate(String runDate) {
        return new JobParametersBuilder()
            .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, java.time.LocalDate.parse(runDate))
            .toJobParameters();
    }

    private List<String> journal(String runDate) throws Exception {
        return Files.readAllLines(dir.resolve("out/journal").resolve(runDate).resolve("notices.csv"),
                StandardCharsets.UTF_8);
    }

    private static Map<String, MimeMessage> byMessageId(MimeMessage[] messages) {
        return Arrays.stream(messages).collect(Collectors.toMap(m -> {
            try {
                return m.getMessageID();
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Function.identity()));
    }

    static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

}
