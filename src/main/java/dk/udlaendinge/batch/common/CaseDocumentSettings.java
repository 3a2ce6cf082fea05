package dk.udlaendinge.batch.common;

import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.documents-root} (unset: the folder of the documents CSV being imported) and
 * {@code app.documents-max-size}: where case documents may be read from and how large one
 * may be (docs/REGISTRY.md). A case document is parsed and mailed: one far larger than
 * any letter costs its notice, not the night.
 */
@Validated
@ConfigurationProperties("app")
public record CaseDocumentSettings(Path documentsRoot, DataSize documentsMaxSize) {

    public CaseDocumentSettings {
        documentsMaxSize = documentsMaxSize == null ? CaseDocumentLimits.DEFAULT_MAX_SIZE : documentsMaxSize;
    }

    // named after the setting, so that a refusal names app.documents-max-size and its
    // value (SettingsFailure)
    @AssertTrue(message = "must be positive")
    boolean isDocumentsMaxSize() {
        return documentsMaxSize.toBytes() > 0;
    }
}
