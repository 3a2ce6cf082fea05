package dk.udlaendinge.batch.common;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.data-dir} (the embedded database, logs, run files) and
 * {@code app.output-dir} (letters, outbox, paper, lists, journal, rejects, quota
 * workbooks): the two folders every feature writes under, documented in
 * {@code config/application.yml}.
 */
@Validated
@ConfigurationProperties("app")
public record Folders(@NotNull @DefaultValue("./data") Path dataDir, @NotNull @DefaultValue("./out") Path outputDir) {
}
