package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./run.sh import --registry FILE [--documents FILE]}: the files' headers and the
 * documents root are checked before the job starts, so bad input leaves nothing
 * half-written.
 */
@Component
@Scope("prototype")
@Command(name = "import", description = "import a registry CSV and its case-documents CSV (docs/REGISTRY.md)")
final class ImportCommand implements Callable<Integer> {

    private final ImportLaunch launch;

    @Option(names = "--registry", paramLabel = "FILE", required = true, order = 1)
    Path registry;

    @Option(names = "--documents", paramLabel = "FILE", order = 2)
    Path documents;

    ImportCommand(ImportLaunch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return launch.importRegistry(registry, documents, System.out);
    }

}
