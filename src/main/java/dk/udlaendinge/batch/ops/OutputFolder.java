package dk.udlaendinge.batch.ops;

import java.nio.file.Files;
import java.nio.file.Path;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/** The output folder, checked before a job that writes there starts. */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * The output folder, created owner-only; bad input (exit 2) when it cannot be
     * written.
     */
    static Path writable(Folders app) {
        Path dir = app.outputDir();
        try {
            OwnerOnlyFiles.directory(dir);
        }
        catch (RuntimeException e) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " cannot be written; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " is not writable; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
        return dir;
    }

}
