package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
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

import dk.udlaendinge.batch.common.CsvInputFile;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.support.JobTestContext;
import dk.udlaendinge.batch.support.JobRuns;

/**
 * {@code registryImportJob} on a real file HSQLDB, launched with Spring Batch's test
 * support: a file of 100 rows with 3 bad ones imports 97 and names the 3 in the reject
 * report; the same file again is the same, completed job instance; a corrected file
 * updates rows in place (upsert by deposit_id). A file with a wrong header never reaches
 * the job: the import command refuses it first ({@code ops.BadInputTests}).
 */
class RegistryImportJobFunctionalTests extends JobTestContext {

    @TempDir
    static Path dir;

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    Folders app;

    @Autowired
    @Qualifier(RegistryImportJobConfiguration.JOB)
    Job registryImportJob;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void importsGoodRowsRejectsBadOnesAndIsIdempotent() throws Exception {
        List<Deposit> deposits = DemoRegistry.generate(100, 7);
        Path file = dir.resolve("registry-2014.csv");
        DemoRegistry.writeCsv(file, deposits);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String badCprRow = lines.get(11); // line 11 of the file
        lines.set(11, badCprRow.replace(deposits.get(10).referenceCpr(), "310299-1234"));
        lines.set(41, lines.get(41).replace(";" + deposits.get(40).municipalityCode() + ";", ";999;"));
        lines.set(71, lines.get(71).substring(0, lines.get(71).lastIndexOf(';'))); // one
                                                                                   // field
                                                                                   // short
        Files.write(file, lines, StandardCharsets.UTF_8);

        JobExecution first = JobRuns.launch(jobs, registryImportJob, parameters(file));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactly(RegistryImportJobConfiguration.IMPORT_DEPOSITS,
                    RegistryImportJobConfiguration.IMPORT_CASE_DOCUMENTS);
        StepExecution deposits97 = JobRuns.step(first, RegistryImportJobConfiguration.IMPORT_DEPOSITS);
        assertThat(deposits97.getWriteCount()).isEqualTo(97);
        assertThat(deposits97.getSkipCount()).isEqualTo(3);
        assertThat(deposits97.getReadCount() + deposits97.getReadSkipCount()).as("every data line").isEqualTo(100);
        assertThat(JobRuns.step(first, RegistryImportJobConfiguration.IMPORT_CASE_DOCUMENTS).getReadCount())
            .as("no documents file given")
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM deposit")).isEqualTo(97);
        Path rejects = app.outputDir().resolve("rejects/registry-2014.csv-rejects.csv");
        List<String> report = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        assertThat(report).containsExactly("line;column;reason",
                "12;reference_cpr;value 310299-XXXX is not a real calendar date",
                "42;municipality_code;is not one of the 98 municipality codes: 999",
                "72;-;expected 18 fields separated by semicolons, found 17");
        assertThat(String.join("\n", report)).doesNotContain(deposits.get(10).referenceName());

        // the same file again: the same job instance, already complete; nothing changes
        String before = snapshot();
        assertThatThrownBy(() -> JobRuns.launch(jobs, registryImportJob, parameters(file)))
            .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        assertThat(snapshot()).isEqualTo(before);

        // a corrected file: the fixed rows come in, the others are updated in place, not
        // doubled
        lines.set(11, badCprRow);
        lines.set(1, lines.get(1).replace(";" + deposits.get(0).city() + ";", ";Nyby;"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        JobExecution corrected = JobRuns.launch(jobs, registryImportJob, parameters(file));
        assertThat(corrected.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(JobRuns.step(corrected, RegistryImportJobConfiguration.IMPORT_DEPOSITS).getWriteCount())
            .isEqualTo(98);
        assertThat(count("SELECT COUNT(*) FROM deposit")).isEqualTo(98);
        assertThat(jdbc.queryForObject("SELECT city FROM deposit WHERE deposit_id = ?", String.class,
                deposits.get(0).depositId()))
            .isEqualTo("Nyby");
        assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8)).hasSize(3);
    }

    /**
     * The parameters the import command gives: the file and its fingerprint identify the
     * run.
     */
    private static JobParameters parameters(Path registry) {
        return new JobParametersBuilder()
            .addString(RegistryImportJobConfiguration.PARAM_REGISTRY, registry.toAbsolutePath().toString())
            .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS, "")
            .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT,
                    CsvInputFile.check(registry, "registry file", RegistryColumns.NAMES))
            .toJobParameters();
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private String snapshot() {
        return String.join("\n",
                jdbc.queryForList(
                        "SELECT deposit_id || city || amount_dkk || expiry_date FROM deposit" + " ORDER BY deposit_id",
                        String.class));
    }

}
