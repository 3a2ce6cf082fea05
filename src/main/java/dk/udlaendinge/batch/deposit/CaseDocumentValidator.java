package dk.udlaendinge.batch.deposit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * A documents-CSV row: the deposit must be in the registry and the file, relative to the
 * CSV's folder, must exist and be readable now (a document that disappears later is
 * caught when the notice is sent).
 */
public final class CaseDocumentValidator {

    private final Path baseDir;
    private final Predicate<String> depositExists;

    public CaseDocumentValidator(Path baseDir, Predicate<String> depositExists) {
        this.baseDir = baseDir;
        this.depositExists = depositExists;
    }

    public CaseDocument validate(CsvRow row) {
        String depositId = row.get("deposit_id").trim();
        String relative = row.get("path").trim();
        if (depositId.isEmpty()) {
            throw new InvalidRowException(row.line(), "deposit_id", "must not be empty");
        }
        if (relative.isEmpty()) {
            throw new InvalidRowException(row.line(), "path", "must not be empty");
        }
        if (!depositExists.test(depositId)) {
            throw new InvalidRowException(row.line(), "deposit_id", "no deposit " + depositId + " in the registry");
        }
        Path file = baseDir.resolve(relative).normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidRowException(row.line(), "path", "file " + relative + " does not exist or is not readable");
        }
        return new CaseDocument(depositId, file.toAbsolutePath());
    }
}
