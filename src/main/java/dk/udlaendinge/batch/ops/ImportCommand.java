package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.CsvInputFile;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.deposit.RegistryImportJobConfiguration;
import dk.udlaendinge.batch.deposit.RejectReport;

/**
 * {@code ./run.sh import --registry FILE [--documents FILE]}: the files' headers and the
 * documents root are checked before the job starts, so bad input leaves nothing half-written.
 */
public final class ImportCommand implements Command {

    static final Option REGISTRY = Option.file("registry", true);
    static final Option DOCUMENTS = Option.file("documents", false);

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import a registry CSV and its case-documents CSV (docs/REGISTRY.md)";
    }

    @Override
    public List<Option> options() {
        return List.of(REGISTRY, DOCUMENTS);
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        return importRegistry(context, REGISTRY.path(inv), DOCUMENTS.path(inv));
    }

    static int importRegistry(CommandContext context, Path registry, Path documents) {
        Folders app = context.bean(Folders.class);
        CaseDocumentSettings settings = context.bean(CaseDocumentSettings.class);
        String fingerprint = CsvInputFile.checkOneOf(registry, "registry file", RegistryColumns.FORMATS);
        if (documents != null) {
            fingerprint += CsvInputFile.check(documents, "documents file", RegistryColumns.DOCUMENT_NAMES);
            // a wrong app.documents-root is bad input (exit 2), found before the job starts
            CaseDocumentRoot.forImport(settings.documentsRoot(), documents, CaseDocumentLimits.of(app, settings));
        }
        context.writableOutputDir();
        JobParameters params = new JobParametersBuilder()
                .addString(RegistryImportJobConfiguration.PARAM_REGISTRY, registry.toAbsolutePath().normalize().toString())
                .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS,
                        documents == null ? "" : documents.toAbsolutePath().normalize().toString())
                .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT, fingerprint)
                .toJobParameters();
        JobRunner.Outcome outcome = context.jobRunner().start(context.job(RegistryImportJobConfiguration.JOB), params);
        if (outcome.alreadyComplete()) {
            context.out().println("This exact file was imported before; the registry already holds it.");
        }
        if (outcome.execution() != null) {
            context.out().println("Rejected rows (if any): "
                    + RejectReport.folder(app.outputDir()).toAbsolutePath().normalize());
        }
        return outcome.exitCode();
    }
}
