package dk.udlaendinge.batch.deposit;

import java.nio.file.Path;

/**
 * A case document (for example the scanned bank guarantee) that travels with a deposit's
 * notice, with the line of the documents CSV that named it: messages name a document by
 * that line and its deposit id, never by its file name (which can hold a name or a CPR
 * number).
 */
public record CaseDocument(String depositId, Path path, long line) {
}
