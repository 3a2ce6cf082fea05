package dk.udlaendinge.batch.deposit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.PersonalData;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.batch.ProgressLogger;

/**
 * {@code registryImportJob}: the registry CSV into the deposit table, then the
 * case-documents CSV. Bad rows are skipped into a reject report with line, column and
 * reason; the rest is upserted. Read top to bottom like the job runs: readers,
 * processors, writers, steps, job.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryImportJobConfiguration {

    public static final String JOB = "registryImportJob";

    public static final String IMPORT_DEPOSITS = "importDeposits";

    public static final String IMPORT_CASE_DOCUMENTS = "importCaseDocuments";

    public static final String PARAM_REGISTRY = "registry";

    public static final String PARAM_DOCUMENTS = "documents";

    public static final String PARAM_FINGERPRINT = "fingerprint";

    /**
     * Row errors are the input's fault, not the job's: skip them all, each into the
     * report.
     */
    static final SkipPolicy SKIP_BAD_ROWS = (t, count) -> t instanceof FlatFileParseException
            || t instanceof InvalidRowException;

    private static final int CHUNK = 500;

    // --- deposits ---------------------------------------------------------------------

    @Bean
    @StepScope
    FlatFileItemReader<CsvRow> registryReader(@Value("#{jobParameters['registry']}") String registry) {
        return csvReader("registryReader", registry, registryFormat(registry), true);
    }

    /**
     * The columns as the file's header names them: the first format or the second
     * (docs/REGISTRY.md). The import command refused any other header before the job
     * started; a file that cannot be read here is left to the reader, which names the
     * problem.
     */
    static java.util.List<String> registryFormat(String registry) {
        try (var lines = java.nio.file.Files.lines(Path.of(registry), java.nio.charset.StandardCharsets.UTF_8)) {
            java.util.List<String> format = RegistryColumns.formatOf(lines.findFirst().orElse(null));
            return format == null ? RegistryColumns.NAMES : format;
        }
        catch (java.io.IOException | java.io.UncheckedIOException e) {
            return RegistryColumns.NAMES;
        }
    }

    @Bean
    @StepScope
    ItemProcessor<CsvRow, Deposit> registryRowProcessor(Clock clock) {
        RegistryRowValidator validator = new RegistryRowValidator(Municipalities.all()::contains, LocalDate.now(clock));
        Set<String> seen = new HashSet<>();
        return row -> {
            Deposit deposit = validator.validate(row.line(), row::get);
            if (!seen.add(deposit.depositId())) {
                throw new InvalidRowException(row.line(), "deposit_id", "deposit "
                        + PersonalData.quoteIfHarmless(deposit.depositId()) + " appears more than once in the file");
            }
            return deposit;
        };
    }

    @Bean
    @StepScope
    RejectReport registryRejects(Folders app, @Value("#{jobParameters['registry']}") String registry) {
        return new RejectReport(RejectReport.folder(app.outputDir()), Path.of(registry).getFileName().toString());
    }

    @Bean
    Step importDeposits(JobRepository jobRepository, PlatformTransactionManager tx, DataSource dataSource,
            FlatFileItemReader<CsvRow> registryReader, ItemProcessor<CsvRow, Deposit> registryRowProcessor,
            RejectReport registryRejects) {
        return new StepBuilder(IMPORT_DEPOSITS, jobRepository).<CsvRow, Deposit>chunk(CHUNK)
            .transactionManager(tx)
            .reader(registryReader)
            .processor(registryRowProcessor)
            .writer(DepositUpsert.writer(dataSource, SecurityRules.THROUGH_TIME))
            .faultTolerant()
            .skipPolicy(SKIP_BAD_ROWS)
            .skipListener(registryRejects)
            .listener(registryRejects)
            .listener(new ProgressLogger("rows",
                    step -> dataLines(step.getJobExecution().getJobParameters().getString(PARAM_REGISTRY))))
            .build();
    }

    // --- case documents ----------------------------------------------------------------

    @Bean
    @StepScope
    FlatFileItemReader<CsvRow> documentsReader(@Value("#{jobParameters['documents']}") String documents) {
        return csvReader("documentsReader", documents, RegistryColumns.DOCUMENT_NAMES, false);
    }

    @Bean
    @StepScope
    ItemProcessor<CsvRow, CaseDocument> documentRowProcessor(JdbcTemplate jdbc, Folders app,
            CaseDocumentSettings settings, @Value("#{jobParameters['documents']}") String documents) {
        if (documents == null || documents.isBlank()) {
            return row -> null; // no documents file: the step reads nothing
        }
        // docs/REGISTRY.md: paths are relative to the documents CSV's folder, unless
        // app.documents-root names another
        CaseDocumentRoot root = CaseDocumentRoot.forImport(settings.documentsRoot(), Path.of(documents),
                CaseDocumentLimits.of(app, settings));
        CaseDocumentValidator validator = new CaseDocumentValidator(root, id -> Boolean.TRUE
            .equals(jdbc.queryForObject("SELECT COUNT(*) > 0 FROM deposit WHERE deposit_id = ?", Boolean.class, id)));
        return validator::validate;
    }

    @Bean
    @StepScope
    RejectReport documentRejects(Folders app, @Value("#{jobParameters['documents']}") String documents) {
        String name = documents == null || documents.isBlank() ? "documents"
                : Path.of(documents).getFileName().toString();
        return new RejectReport(RejectReport.folder(app.outputDir()), name);
    }

    @Bean
    JdbcBatchItemWriter<CaseDocument> caseDocumentWriter(DataSource dataSource) {
        return new JdbcBatchItemWriterBuilder<CaseDocument>().dataSource(dataSource)
            // the line is how a skip reason names the document later (never by its file
            // name)
            .sql("MERGE INTO case_document c USING (VALUES (CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(1000)),"
                    + " CAST(? AS INTEGER))) AS v(deposit_id, path, source_line)"
                    + " ON c.deposit_id = v.deposit_id AND c.path = v.path"
                    + " WHEN MATCHED THEN UPDATE SET source_line = v.source_line"
                    + " WHEN NOT MATCHED THEN INSERT (deposit_id, path, source_line)"
                    + " VALUES (v.deposit_id, v.path, v.source_line)")
            .itemPreparedStatementSetter((doc, ps) -> {
                ps.setString(1, doc.depositId());
                ps.setString(2, doc.path().toString());
                ps.setLong(3, doc.line());
            })
            .assertUpdates(false)
            .build();
    }

    @Bean
    Step importCaseDocuments(JobRepository jobRepository, PlatformTransactionManager tx,
            FlatFileItemReader<CsvRow> documentsReader, ItemProcessor<CsvRow, CaseDocument> documentRowProcessor,
            JdbcBatchItemWriter<CaseDocument> caseDocumentWriter, RejectReport documentRejects) {
        return new StepBuilder(IMPORT_CASE_DOCUMENTS, jobRepository).<CsvRow, CaseDocument>chunk(CHUNK)
            .transactionManager(tx)
            .reader(documentsReader)
            .processor(documentRowProcessor)
            .writer(caseDocumentWriter)
            .faultTolerant()
            .skipPolicy(SKIP_BAD_ROWS)
            .skipListener(documentRejects)
            .listener(documentRejects)
            .build();
    }

    // --- job
    // -----------------------------------------------------------------------------

    @Bean
    Job registryImportJob(JobRepository jobRepository, Step importDeposits, Step importCaseDocuments) {
        // who runs it (RunningJobs) is recorded for every job by ops.OpsConfiguration,
        // once
        return new JobBuilder(JOB, jobRepository).start(importDeposits).next(importCaseDocuments).build();
    }

    @Bean
    RegistryImports registryImports(Job registryImportJob, dk.udlaendinge.batch.common.Folders folders,
            dk.udlaendinge.batch.common.CaseDocumentSettings documents) {
        return new RegistryImports(registryImportJob, folders, documents);
    }

    /** Rows in a CSV below its header, for the progress log's time left. */
    private static long dataLines(String file) {
        try (var lines = java.nio.file.Files.lines(Path.of(file))) {
            return Math.max(0, lines.count() - 1);
        }
        catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static FlatFileItemReader<CsvRow> csvReader(String name, String file, java.util.List<String> columns,
            boolean required) {
        boolean present = file != null && !file.isBlank();
        return new FlatFileItemReaderBuilder<CsvRow>().name(name)
            // no documents file: an empty input, read without the reader's warning about
            // a missing file
            .resource(present ? new FileSystemResource(file)
                    : new ByteArrayResource(new byte[0], "no " + name + " file given"))
            .encoding("UTF-8")
            .linesToSkip(1)
            .strict(required || present)
            .lineMapper(CsvRow.lineMapper(columns))
            .build();
    }

}
