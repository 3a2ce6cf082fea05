package dk.udlaendinge.batch.deposit;

import java.nio.file.Path;
import java.util.function.Predicate;

import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.PersonalData;

/**
 * A documents-CSV row: the deposit must be in the registry, and the file must pass every
 * check of {@link CaseDocumentRoot} (inside the documents root, no symbolic link out, a
 * regular file, a PDF). What is stored is the file's real path; a document that changes
 * later is caught again when the notice is sent or printed.
 */
public final class CaseDocumentValidator {

    /** The width of case_document.path (V2__registry_and_notices.sql). */
    static final int MAX_PATH = 1000;

    private final CaseDocumentRoot root;

    private final Predicate<String> depositExists;

    public CaseDocumentValidator(CaseDocumentRoot root, Predicate<String> depositExists) {
        this.root = root;
        this.depositExists = depositExists;
    }

    public CaseDocument validate(CsvRow row) {
        String depositId = row.get("deposit_id").trim();
        String given = row.get("path").trim();
        if (depositId.isEmpty()) {
            throw new InvalidRowException(row.line(), "deposit_id", "must not be empty");
        }
        if (given.isEmpty()) {
            throw new InvalidRowException(row.line(), "path", "must not be empty");
        }
        if (!depositExists.test(depositId)) {
            throw new InvalidRowException(row.line(), "deposit_id",
                    "no deposit " + PersonalData.quoteIfHarmless(depositId) + " in the registry");
        }
        Path file;
        try {
            file = root.resolve(given);
        }
        catch (CaseDocumentRoot.Refused e) {
            // the path itself is not repeated: it may name a person; the line points at
            // it
            throw new InvalidRowException(row.line(), "path", "the file " + e.getMessage());
        }
        if (file.toString().length() > MAX_PATH) {
            throw new InvalidRowException(row.line(), "path", "the file's full path is longer than " + MAX_PATH
                    + " characters, which case_document.path cannot hold");
        }
        return new CaseDocument(depositId, file, row.line());
    }

}
