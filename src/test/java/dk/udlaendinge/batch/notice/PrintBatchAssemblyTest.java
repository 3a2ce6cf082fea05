package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.support.HostilePdfs;

/**
 * The last line of defence for item 5 of issue 7: a case document that broke between the
 * send step and the print batch (the disk changed in between) leaves that one letter out
 * and back to waiting; the batch and manifest hold every other letter. Real HSQLDB, real
 * files.
 */
class PrintBatchAssemblyTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2020, 6, 1);

    @TempDir
    Path tmp;

    @Test
    void aDocumentBrokenAfterSendingLeavesOnlyItsLetterOutAndBackToWaiting() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:hsqldb:mem:print-assembly-" + System.nanoTime(),
                "SA", "");
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
            .load()
            .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        List<Deposit> deposits = DemoRegistry.generate(3, 1);
        DemoRegistry.insert(jdbc, deposits);
        RenewalOutputs outputs = new RenewalOutputs(tmp.resolve("out"));
        Path good = CaseDocumentFactory.write(tmp.resolve("docs/good.pdf"), 5_000, "Good").toRealPath();
        Path broken = Files.writeString(tmp.resolve("docs/broken.pdf"), "%PDF-1.4\nbroken after sending\n")
            .toRealPath();
        for (int i = 0; i < 3; i++) {
            Deposit d = deposits.get(i);
            jdbc.update(
                    "INSERT INTO renewal_notice (notice_id, deposit_id, expiry_date, municipality_code,"
                            + " selected_run_date, status, channel, reason, message_bytes, message_id, sent_run_date)"
                            + " VALUES (?, ?, ?, ?, ?, 'SENT', 'PAPER', 'EXEMPT', 1, 'id', ?)",
                    i + 1, d.depositId(), Date.valueOf(RUN_DATE), d.municipalityCode(), Date.valueOf(RUN_DATE),
                    Date.valueOf(RUN_DATE));
            jdbc.update("INSERT INTO case_document (deposit_id, path) VALUES (?, ?)", d.depositId(),
                    (i == 1 ? broken : good).toString());
            OwnerOnlyFiles.write(outputs.paperLetter(RUN_DATE, "notice-" + (i + 1)), ExtensionForm.pdf());
        }
        StepContribution contribution = MetaDataInstanceFactory.createStepExecution().createStepContribution();

        new PrintBatchAssembly(jdbc, outputs, new NoticeRepository(jdbc, new DataSourceTransactionManager(ds)),
                RUN_DATE, CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes()))
            .execute(contribution, null);

        List<String> manifest = Files.readAllLines(outputs.manifest(RUN_DATE));
        assertThat(manifest).hasSize(3);
        assertThat(manifest.get(1)).startsWith("1;");
        assertThat(manifest.get(2)).startsWith("3;");
        assertThat(contribution.getWriteCount()).isEqualTo(2);
        assertThat(contribution.getProcessSkipCount()).isEqualTo(1);
        try (PDDocument batch = Loader.loadPDF(outputs.printBatch(RUN_DATE).toFile())) {
            int perLetter = Integer.parseInt(manifest.get(1).split(";")[4]);
            assertThat(batch.getNumberOfPages()).isEqualTo(2 * (perLetter + perLetter % 2));
        }
        assertThat(jdbc.queryForObject("SELECT status FROM renewal_notice WHERE notice_id = 2", String.class))
            .isEqualTo("SKIPPED");
        assertThat(jdbc.queryForObject("SELECT skip_reason FROM renewal_notice WHERE notice_id = 2", String.class))
            .startsWith("notice 2 was left out of the print batch of 2020-06-01: its case document (deposit "
                    + deposits.get(1).depositId() + ", its document no. 1) is not a readable PDF")
            .doesNotContain(tmp.toString())
            .doesNotContain("broken.pdf");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date IS NOT NULL",
                Integer.class))
            .isEqualTo(2);
        assertThat(outputs.paperLetter(RUN_DATE, "notice-2")).doesNotExist();
    }

    /**
     * Issue 20, item 2, as it was found: the second of three paper notices has a case
     * document that loads but fails half-way through the merge (a malformed structure
     * tree, put there after its trial merge). On main the batch kept notice 2's pages and
     * the manifest did not list them; now the batch is built again without it and its
     * pages are the manifest's.
     */
    @Test
    void aDocumentThatFailsHalfWayIntoTheBatchLeavesNoPageOfItsNotice() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:hsqldb:mem:print-assembly-" + System.nanoTime(),
                "SA", "");
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
            .load()
            .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        List<Deposit> deposits = DemoRegistry.generate(3, 1);
        DemoRegistry.insert(jdbc, deposits);
        RenewalOutputs outputs = new RenewalOutputs(tmp.resolve("out"));
        Path good = CaseDocumentFactory.write(tmp.resolve("docs/good.pdf"), 5_000, "Good").toRealPath();
        Path malformed = HostilePdfs.malformedStructureTree(tmp.resolve("docs/malformed.pdf"), 3).toRealPath();
        for (int i = 0; i < 3; i++) {
            Deposit d = deposits.get(i);
            jdbc.update(
                    "INSERT INTO renewal_notice (notice_id, deposit_id, expiry_date, municipality_code,"
                            + " selected_run_date, status, channel, reason, message_bytes, message_id, sent_run_date)"
                            + " VALUES (?, ?, ?, ?, ?, 'SENT', 'PAPER', 'EXEMPT', 1, 'id', ?)",
                    i + 1, d.depositId(), Date.valueOf(RUN_DATE), d.municipalityCode(), Date.valueOf(RUN_DATE),
                    Date.valueOf(RUN_DATE));
            jdbc.update("INSERT INTO case_document (deposit_id, path) VALUES (?, ?)", d.depositId(), good.toString());
            if (i == 1) {
                jdbc.update("INSERT INTO case_document (deposit_id, path) VALUES (?, ?)", d.depositId(),
                        malformed.toString());
            }
            OwnerOnlyFiles.write(outputs.paperLetter(RUN_DATE, "notice-" + (i + 1)), ExtensionForm.pdf());
        }
        StepContribution contribution = MetaDataInstanceFactory.createStepExecution().createStepContribution();

        new PrintBatchAssembly(jdbc, outputs, new NoticeRepository(jdbc, new DataSourceTransactionManager(ds)),
                RUN_DATE, CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes()))
            .execute(contribution, null);

        List<String> manifest = Files.readAllLines(outputs.manifest(RUN_DATE));
        assertThat(manifest).hasSize(3);
        assertThat(manifest.get(1)).startsWith("1;");
        assertThat(manifest.get(2)).startsWith("3;");
        int manifestPages = manifest.stream()
            .skip(1)
            .mapToInt(l -> Integer.parseInt(l.split(";")[4]))
            .map(p -> p + p % 2)
            .sum();
        try (PDDocument batch = Loader.loadPDF(outputs.printBatch(RUN_DATE).toFile())) {
            assertThat(batch.getNumberOfPages()).as("the batch's pages are the manifest's").isEqualTo(manifestPages);
        }
        assertThat(contribution.getProcessSkipCount()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT skip_reason FROM renewal_notice WHERE notice_id = 2", String.class))
            .contains("its document no. ")
            .contains("cannot be merged into the print batch")
            .doesNotContain("malformed.pdf");
    }

}
