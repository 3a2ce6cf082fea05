package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.deposit.RegistryImports;

/**
 * An import of a registry file and its documents file: {@code ./run.sh import} and the
 * demo.
 */
@Component
class ImportLaunch {

    private final RegistryImports imports;

    private final JobRunner runner;

    private final Folders app;

    ImportLaunch(RegistryImports imports, JobRunner runner, Folders app) {
        this.imports = imports;
        this.runner = runner;
        this.app = app;
    }

    int importRegistry(Path registry, Path documentsOrNull, PrintStream out) {
        JobParameters params = imports.parameters(registry, documentsOrNull);
        OutputFolder.writable(app);
        JobRunner.Outcome outcome = runner.printingTo(out).start(imports.job(), params);
        if (outcome.alreadyComplete()) {
            out.println("This exact file was imported before; the registry already holds it.");
        }
        if (outcome.execution() != null) {
            out.println("Rejected rows (if any): " + imports.rejectFolder());
        }
        return outcome.exitCode();
    }

}
