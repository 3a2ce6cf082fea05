package dk.udlaendinge.batch.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * Health component {@code outputFolder}: can the night's run write its letters, outbox,
 * paper batch, journal and lists? It writes and deletes a small probe file, because
 * permission bits alone do not tell (a read-only mount, a full quota, root ignoring the
 * bits). A folder that does not exist yet is created the way a run creates it
 * (owner-only), so a fresh installation is not reported DOWN before its first run.
 */
final class OutputFolderHealthIndicator implements HealthIndicator {

    private final Path folder;

    OutputFolderHealthIndicator(Path outputDir) {
        this.folder = outputDir.toAbsolutePath().normalize();
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("path", folder.toString());
        try {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnlyFiles.directory(folder);
            }
            if (!Files.isDirectory(folder)) {
                return health.down().withDetail("error", "not a folder; check app.output-dir (APP_OUTPUT_DIR)").build();
            }
            Path probe = Files.createTempFile(folder, ".health-", ".probe");
            Files.delete(probe);
            return health.build();
        }
        catch (IOException | RuntimeException e) {
            return health.down()
                .withDetail("error",
                        "cannot be written (" + e.getClass().getSimpleName()
                                + "); check app.output-dir (APP_OUTPUT_DIR), its permissions and the file system")
                .build();
        }
    }

    /**
     * The folder itself, or while it does not exist yet, the nearest folder above it:
     * where its files will go.
     */
    static Path existingFolderOrParent(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.toAbsolutePath().getRoot() : p;
    }

}
