package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confinement rules on real files and real symbolic links. */
class CaseDocumentRootTest {

    private static final CaseDocumentLimits LIMITS = CaseDocumentLimits
        .sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes());

    private static final byte[] PDF = "%PDF-1.7\n% a tiny test file\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private Path rootDir;

    private Path outside;

    private CaseDocumentRoot root;

    @BeforeEach
    void folders() throws IOException {
        rootDir = Files.createDirectories(tmp.resolve("import"));
        Files.createDirectories(rootDir.resolve("docs"));
        Files.write(rootDir.resolve("docs/guarantee.pdf"), PDF);
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.write(outside.resolve("secret.pdf"), PDF);
        root = CaseDocumentRoot.of(rootDir, LIMITS);
    }

    private String refused(String given) {
        try {
            Path p = root.resolve(given);
            throw new AssertionError("accepted " + given + " as " + p);
        }
        catch (CaseDocumentRoot.Refused e) {
            assertThat(e.getMessage()).doesNotContain(given.isBlank() ? "\u0000" : given.replace(rootDir + "/", ""));
            return e.getMessage();
        }
    }

    @Test
    void aPdfInsideTheRootIsAcceptedByRelativeOrAbsolutePathAndStoredAsItsRealPath() throws IOException {
        Path real = rootDir.resolve("docs/guarantee.pdf").toRealPath();
        assertThat(root.resolve("docs/guarantee.pdf")).isEqualTo(real);
        assertThat(root.resolve("./docs/../docs/guarantee.pdf")).isEqualTo(real);
        assertThat(root.resolve(rootDir.resolve("docs/guarantee.pdf").toString())).isEqualTo(real);
    }

    @Test
    void absolutePathsOutsideTheRootAreRefused() {
        assertThat(refused("/etc/passwd")).startsWith("is an absolute path outside the documents root");
        assertThat(refused(outside.resolve("secret.pdf").toString())).startsWith("is an absolute path outside");
    }

    @Test
    void climbingOutWithDotDotIsRefused() {
        assertThat(refused("../../../../etc/hostname")).startsWith("climbs out of the documents root");
        assertThat(refused("docs/../../elsewhere/secret.pdf")).startsWith("climbs out of the documents root");
    }

    @Test
    void procSysAndDevAreNeverReadEvenWhenTheRootIsThere() {
        CaseDocumentRoot slash = CaseDocumentRoot.of(Path.of("/"), LIMITS);
        assertThatThrownBy(() -> slash.resolve("/proc/self/environ")).isInstanceOf(CaseDocumentRoot.Refused.class)
            .hasMessageContaining("/proc, /sys or /dev");
        assertThatThrownBy(() -> slash.resolve("sys/kernel/hostname")).hasMessageContaining("/proc, /sys or /dev");
        assertThatThrownBy(() -> slash.resolve("dev/zero")).hasMessageContaining("/proc, /sys or /dev");
        assertThatThrownBy(() -> CaseDocumentRoot.check(Path.of("/proc/self/environ"), LIMITS))
            .hasMessageContaining("/proc, /sys or /dev");
    }

    @Test
    void aSymbolicLinkThatLeadsOutIsRefusedAndOneThatStaysInsideIsFollowed() throws IOException {
        Files.createSymbolicLink(rootDir.resolve("docs/link-out.pdf"), outside.resolve("secret.pdf"));
        Files.createSymbolicLink(rootDir.resolve("folder-out"), outside);
        Files.createSymbolicLink(rootDir.resolve("docs/link-in.pdf"), rootDir.resolve("docs/guarantee.pdf"));
        Files.createSymbolicLink(rootDir.resolve("passwd.pdf"), Path.of("/etc/passwd"));

        assertThat(refused("docs/link-out.pdf")).startsWith("passes through a symbolic link that leads out");
        assertThat(refused("folder-out/secret.pdf")).startsWith("passes through a symbolic link that leads out");
        assertThat(refused("passwd.pdf")).startsWith("passes through a symbolic link that leads out");
        assertThat(root.resolve("docs/link-in.pdf")).isEqualTo(rootDir.resolve("docs/guarantee.pdf").toRealPath());
    }

    @Test
    void notARegularFileNotAPdfAndMissingAreRefused() throws IOException {
        Files.writeString(rootDir.resolve("docs/letter.pdf"), "Dear clerk, this is text\n");
        Files.write(rootDir.resolve("docs/empty.pdf"), new byte[0]);

        assertThat(refused("docs")).isEqualTo("is not a regular file");
        assertThat(refused("docs/letter.pdf")).isEqualTo("is not a PDF (it does not start with %PDF-)");
        assertThat(refused("docs/empty.pdf")).isEqualTo("is not a PDF (it does not start with %PDF-)");
        assertThat(refused("docs/nothing.pdf")).isEqualTo("does not exist");
        assertThat(refused("docs/\u0000x.pdf")).isEqualTo("contains a control character");
    }

    @Test
    void openingForSendingFollowsNoSymbolicLinkPlantedAfterTheImport() throws IOException {
        Path stored = root.resolve("docs/guarantee.pdf");
        try (InputStream in = CaseDocumentRoot.open(stored, LIMITS)) {
            assertThat(in.readAllBytes()).isEqualTo(PDF);
        }

        // the file swapped for a link to a PDF outside the root
        Files.delete(stored);
        Files.createSymbolicLink(stored, outside.resolve("secret.pdf"));
        assertThatThrownBy(() -> CaseDocumentRoot.open(stored, LIMITS)).isInstanceOf(CaseDocumentRoot.Refused.class)
            .hasMessageContaining("symbolic link");

        // a folder on the way swapped for a link out
        Files.delete(stored);
        Path docs = rootDir.resolve("docs");
        Files.move(docs, rootDir.resolve("docs-old"));
        Files.createDirectories(outside.resolve("docs"));
        Files.write(outside.resolve("docs/guarantee.pdf"), PDF);
        Files.createSymbolicLink(docs, outside.resolve("docs"));
        assertThat(Files.isRegularFile(stored)).as("following links, the stored path now reads outside").isTrue();
        assertThatThrownBy(() -> CaseDocumentRoot.open(stored, LIMITS)).isInstanceOf(CaseDocumentRoot.Refused.class)
            .hasMessageContaining("symbolic link");
    }

    @Test
    void openingForSendingRechecksTheHeaderAndTheFile() throws IOException {
        Path stored = root.resolve("docs/guarantee.pdf");
        Files.writeString(stored, "no longer a PDF");
        assertThatThrownBy(() -> CaseDocumentRoot.check(stored, LIMITS))
            .hasMessage("is not a PDF (it does not start with %PDF-)");
        Files.delete(stored);
        assertThatThrownBy(() -> CaseDocumentRoot.check(stored, LIMITS)).hasMessage("is missing or unreadable");
        assertThatThrownBy(() -> CaseDocumentRoot.check(Path.of("relative/guarantee.pdf"), LIMITS))
            .hasMessage("is not an absolute, normalised path");
    }

}
