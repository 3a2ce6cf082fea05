package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.LegalBasis;
import dk.udlaendinge.batch.deposit.SecurityForm;
import dk.udlaendinge.batch.support.Mails;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * docs/RENEWAL-RULES.md §3, "The amount to renew", through {@code ./run.sh} as cron calls
 * it: a notice asks for the security's own amount from the registry, as posted or as
 * reduced, exactly to the øre, in the letter, the journal, the municipality list and the
 * notice record; and a run in a year that the table of full-amount levels does not have
 * (2026, today's year) runs and exits 0.
 */
@SlowTest
class RenewalAmountCommandTests {

    static {
        OpsFixtures.init();
    }

    private static final int ODENSE = 461;

    @TempDir
    Path tmp;

    @Test
    void noticeAsksForTheRegistryAmountInAnyRunYear() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Map<String, String> props = OpsFixtures.props(data, out, null);
        Path registry = tmp.resolve("registry.csv");
        DemoRegistry.writeCsv(registry, List.of(
                // posted 2011 for 50,000.00: the 2015 level (52,490.12) must not replace
                // it
                deposit("AM-2011-NONE", "50000.00", LocalDate.of(2011, 2, 10), LocalDate.of(2011, 3, 1),
                        DanishExam.NONE),
                // the spouse passed A1, but the municipality never reduced it: not 60 %
                // of anything
                deposit("AM-2011-A1", "50000.00", LocalDate.of(2011, 2, 20), LocalDate.of(2011, 3, 20), DanishExam.A1),
                // reduced to 40 % of the 2014 level after A2; expired 2019, but its ten
                // years in all
                // ended 2024-04-01, so a run in 2026 asks nothing of it
                // (docs/RENEWAL-RULES.md)
                deposit("AM-2014-A2", "20685.76", LocalDate.of(2014, 3, 3), LocalDate.of(2014, 4, 1), DanishExam.A2),
                // reduced to 40 % of the 2017 level after A2; expired 2022, noticed late
                // in 2026,
                // inside its ten years in all (until 2027-04-01)
                deposit("AM-2017-A2", "21715.79", LocalDate.of(2017, 3, 3), LocalDate.of(2017, 4, 1), DanishExam.A2)));
        assertThat(OpsFixtures.cli(props, "import", "--registry", registry.toString()).code()).isZero();

        OpsFixtures.Result run2015 = OpsFixtures.cli(props, "renewal", "--run-date", "2015-01-15");
        assertThat(run2015.code()).as(run2015.toString()).isZero();
        assertThat(journalAmounts(out, "2015-01-15")).containsExactlyInAnyOrder("AM-2011-NONE=50000.00",
                "AM-2011-A1=50000.00");
        assertThat(letterText(out, "2015-01-15", "AM-2011-NONE", data))
            .contains("forlænge sikkerheden med det beløb, den er på i dag: 50.000,00 kr.")
            .doesNotContain("52.490,12");
        assertThat(letterText(out, "2015-01-15", "AM-2011-A1", data))
            .contains("forlænge sikkerheden med det beløb, den er på i dag: 50.000,00 kr.")
            .doesNotContain("Kommunen har nedsat")
            .doesNotContain("31.494,07");
        assertThat(listAmounts(out, "2015-01-15")).containsExactly(50000.00, 50000.00);

        OpsFixtures.Result dryRun2026 = OpsFixtures.cli(props, "renewal", "--run-date", "2026-11-27", "--dry-run");
        assertThat(dryRun2026.code()).as(dryRun2026.toString()).isZero();
        assertThat(dryRun2026.out()).contains("Dry run for 2026-11-27: 1 notices would be sent");
        assertThat(out.resolve("journal/2026-11-27")).as("a dry run records and writes nothing").doesNotExist();
        OpsFixtures.withDb(data, jdbc -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = DATE '2026-11-27'"
                    + " OR status <> 'SENT'", Long.class))
                .isZero();
            return null;
        });

        OpsFixtures.Result run2026 = OpsFixtures.cli(props, "renewal", "--run-date", "2026-11-27");
        assertThat(run2026.code()).as(run2026.toString()).isZero();
        assertThat(run2026.err()).doesNotContain("error");
        assertThat(journalAmounts(out, "2026-11-27")).containsExactly("AM-2017-A2=21715.79");
        assertThat(letterText(out, "2026-11-27", "AM-2017-A2", data))
            .contains("Du skal stille en ny sikkerhed for det beløb, den udløbne er på: 21.715,79 kr.")
            .contains("(2017-niveau: 54.289,48 kr.)")
            .doesNotContain("2026-niveau")
            .contains("Den nye sikkerhed skal gælde til den 1. april 2027.")
            // 40 % of the 2017 level to the øre: the letter says the municipality reduced
            // it
            .contains("Kommunen har nedsat sikkerheden til 21.715,79 kr.,");
        assertThat(listAmounts(out, "2026-11-27")).containsExactly(21715.79);

        List<String> recorded = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForList(
                        "SELECT deposit_id || '=' ||" + " amount_dkk FROM renewal_notice ORDER BY notice_id",
                        String.class));
        assertThat(recorded).containsExactlyInAnyOrder("AM-2011-NONE=50000.00", "AM-2011-A1=50000.00",
                "AM-2017-A2=21715.79");

        // the nightly command: no --run-date, so today, whatever year that is
        OpsFixtures.Result tonight = OpsFixtures.cli(props, "renewal");
        assertThat(tonight.code()).as(tonight.toString()).isZero();
        assertThat(tonight.err()).doesNotContain("error");
    }

    private static Deposit deposit(String id, String amount, LocalDate posted, LocalDate permit, DanishExam test) {
        return new Deposit(id, "FAM/" + posted.getYear() + "/" + id.substring(3), "030284-2917", "Jens Østergaard",
                "Vestergade 4", "5000", "Odense C", false, "jens.ostergaard@digitalpost.example", "Maria Santos",
                ODENSE, LegalBasis.SECTION_9_1_1, SecurityForm.PLEDGED_ACCOUNT, new BigDecimal(amount), posted, permit,
                null, test);
    }

    /** deposit_id=amount_dkk of each journal row, in journal order. */
    private static List<String> journalAmounts(Path out, String runDate) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("journal").resolve(runDate).resolve("notices.csv"),
                StandardCharsets.UTF_8);
        return lines.stream().skip(1).map(l -> l.split(";")).map(f -> f[1] + "=" + f[5]).toList();
    }

    private static String letterText(Path out, String runDate, String depositId, Path data) throws Exception {
        long noticeId = OpsFixtures.withDb(data, jdbc -> jdbc
            .queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = ?", Long.class, depositId));
        MimeMessage message = Mails
            .parse(Files.readAllBytes(out.resolve("outbox").resolve(runDate).resolve("notice-" + noticeId + ".eml")));
        return Mails.pdfText(Mails.attachments(message).get(0).content()).replaceAll("\\s+", " ");
    }

    /** The amount column of the municipality's list, as the municipality receives it. */
    private static List<Double> listAmounts(Path out, String runDate) throws Exception {
        MimeMessage list = Mails.parse(Files
            .readAllBytes(out.resolve("outbox").resolve(runDate).resolve("list-" + runDate + "-" + ODENSE + ".eml")));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Mails.attachments(list).get(0).content()))) {
            Sheet sheet = wb.getSheet("Fornyelsesbreve");
            return java.util.stream.IntStream.rangeClosed(2, sheet.getLastRowNum())
                .mapToObj(r -> sheet.getRow(r).getCell(5).getNumericCellValue())
                .toList();
        }
    }

}
