package dk.udlaendinge.batch.deposit;

import java.nio.file.Path;

/** A case document (for example the scanned bank guarantee) that travels with a deposit's notice. */
public record CaseDocument(String depositId, Path path) {
}
