package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reject report on real files: rows appended in line order, never through a planted
 * link.
 */
class RejectReportTest {

    @TempDir
    Path dir;

    @Test
    void appendsRowsAndNeutralisesTheReason() throws Exception {
        RejectReport report = new RejectReport(dir.resolve("rejects"), "registry.csv");
        report.onSkipInRead(new InvalidRowException(7, "city", "must not be empty"));
        report.onSkipInRead(new InvalidRowException(9, "deposit_id", "=HYPERLINK(\"x\")"));
        assertThat(Files.readAllLines(report.file(), StandardCharsets.UTF_8)).containsExactly("line;column;reason",
                "7;city;must not be empty", "9;deposit_id;\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void refusesToWriteThroughASymbolicLinkPlantedUnderTheReportsName() throws Exception {
        Path outside = dir.resolve("someone-elses-file.txt");
        Files.writeString(outside, "untouched\n");
        Path rejects = Files.createDirectories(dir.resolve("rejects"));
        RejectReport report = new RejectReport(rejects, "registry.csv");
        Files.createSymbolicLink(report.file(), outside);

        assertThatThrownBy(() -> report.onSkipInRead(new InvalidRowException(3, "city", "must not be empty")))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("cannot write reject report");
        assertThat(Files.readString(outside)).isEqualTo("untouched\n");
    }

}
