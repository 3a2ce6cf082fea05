package dk.udlaendinge.batch.notice;

import java.nio.file.Path;
import java.time.LocalDate;

/** Where a renewal run's files go, all under the output folder and named by run date. */
public record RenewalOutputs(Path outputDir) {

    public Path outbox(LocalDate runDate) {
        return outputDir.resolve("outbox").resolve(runDate.toString());
    }

    public Path paperDir(LocalDate runDate) {
        return outputDir.resolve("paper").resolve(runDate.toString());
    }

    public Path paperLetter(LocalDate runDate, String key) {
        return paperDir(runDate).resolve("letters").resolve(key + ".pdf");
    }

    public Path printBatch(LocalDate runDate) {
        return paperDir(runDate).resolve("print-batch.pdf");
    }

    public Path manifest(LocalDate runDate) {
        return paperDir(runDate).resolve("manifest.csv");
    }

    public Path municipalityListsOnPaper(LocalDate runDate) {
        return paperDir(runDate).resolve("municipality-lists");
    }

    /** The municipality lists as sent (each municipality's .xlsx). */
    public Path lists(LocalDate runDate) {
        return outputDir.resolve("lists").resolve(runDate.toString());
    }

    public Path journal(LocalDate runDate) {
        return outputDir.resolve("journal").resolve(runDate.toString()).resolve("notices.csv");
    }
}
