package dk.udlaendinge.batch.deposit;

import java.nio.file.Path;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.CsvInputFile;

/**
 * What the command line and the demo need of the import job: the files' headers and the
 * documents root are checked before the job starts (bad input leaves nothing
 * half-written), and the job's parameters name the files and their fingerprint, so the
 * same files are imported once.
 */
public final class RegistryImports {

    private final Job job;

    private final Folders app;

    private final CaseDocumentSettings documents;

    public RegistryImports(Job registryImportJob, Folders app, CaseDocumentSettings documents) {
        this.job = registryImportJob;
        this.app = app;
        this.documents = documents;
    }

    public Job job() {
        return job;
    }

    /**
     * The job's parameters for these files, after checking them.
     * @throws dk.udlaendinge.batch.common.BadInputException a file or the documents root
     * that cannot be used
     */
    public JobParameters parameters(Path registry, Path documentsOrNull) {
        String fingerprint = CsvInputFile.checkOneOf(registry, "registry file", RegistryColumns.FORMATS);
        if (documentsOrNull != null) {
            fingerprint += CsvInputFile.check(documentsOrNull, "documents file", RegistryColumns.DOCUMENT_NAMES);
            // a wrong app.documents-root is bad input (exit 2), found before the job
            // starts
            CaseDocumentRoot.forImport(documents.documentsRoot(), documentsOrNull,
                    CaseDocumentLimits.of(app, documents));
        }
        return new JobParametersBuilder()
            .addString(RegistryImportJobConfiguration.PARAM_REGISTRY, registry.toAbsolutePath().normalize().toString())
            .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS,
                    documentsOrNull == null ? "" : documentsOrNull.toAbsolutePath().normalize().toString())
            .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT, fingerprint)
            .toJobParameters();
    }

    /** Where the rejected rows are written. */
    public Path rejectFolder() {
        return RejectReport.folder(app.outputDir()).toAbsolutePath().normalize();
    }

}
