package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.quota.model.QuotaInputException;
import dk.udlaendinge.batch.quota.model.QuotaInputs;

/**
 * Every count and agreed quota is range-checked when the file is read, and the refusal
 * names the file, line and column (issue 20 item 8). On the old code, agreed quotas of
 * 999999999999999999 overflowed the sum that is checked against the region's quota and
 * the run completed with absurd quotas; populations that overflowed the regions' sums
 * failed with "unit 1084 has invalid counts" (exit 1). The command turns a
 * {@link QuotaInputException} into one line and exit 2 (ops.BadInputTests).
 */
class QuotaInputRangeTests {

    @TempDir
    Path dir;

    @Test
    void hugeAgreedQuotasAreRefusedWithTheirFileLineAndColumn() throws IOException {
        Path stats = demoStatistics();
        Path agreements = dir.resolve("agreements.csv");
        Files.writeString(agreements, "level;code;quota\nMUNICIPALITY;101;999999999999999999\n"
                + "MUNICIPALITY;147;999999999999999999\nMUNICIPALITY;151;999999999999999999\n");
        assertThatThrownBy(() -> QuotaInputs.read(2015, 4000, stats, agreements))
            .isInstanceOf(QuotaInputException.class)
            .hasMessageStartingWith(agreements
                    + " line 2 (municipality 101 København), column 3: quota 999999999999999999 is outside 0 to 1,000,000");
    }

    @Test
    void populationsBeyondAnyRealCountAreRefusedAtRead() throws IOException {
        Path stats = demoStatistics(
                l -> l.startsWith("101;") || l.startsWith("147;") ? l.substring(0, 4) + "999999999999999999;100;0" : l);
        assertThatThrownBy(() -> QuotaInputs.read(2015, 4000, stats, null)).isInstanceOf(QuotaInputException.class)
            .hasMessageStartingWith(
                    stats + " line 2 (municipality 101 København), column 2: population 999999999999999999 "
                            + "is outside 0 to 10,000,000");
        // more digits than a long holds: the same refusal, not "not a whole number" or a
        // crash
        Path longer = demoStatistics(l -> l.startsWith("147;") ? "147;100;99999999999999999999999;0" : l);
        assertThatThrownBy(() -> QuotaInputs.read(2015, 4000, longer, null)).hasMessageContaining(
                "line 3 (municipality 147 Frederiksberg), column 3: immigrants_and_refugees 99999999999999999999999 is outside");
        Path family = demoStatistics(l -> l.startsWith("147;") ? "147;100;10;10000001" : l);
        assertThatThrownBy(() -> QuotaInputs.read(2015, 4000, family, null))
            .hasMessageContaining("column 4: family_reunified 10000001 is outside 0 to 10,000,000");
        // the bound itself is taken
        Path atBound = demoStatistics(l -> l.startsWith("147;") ? "147;10000000;10000000;10000000" : l);
        assertThat(QuotaInputs.read(2015, 4000, atBound, null).compute().quotas()).hasSize(98);
    }

    private Path demoStatistics() throws IOException {
        return demoStatistics(java.util.function.UnaryOperator.identity());
    }

    private Path demoStatistics(java.util.function.UnaryOperator<String> edit) throws IOException {
        String text;
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("statistics-" + System.nanoTime() + ".csv");
        Files.writeString(file, text.lines().map(edit).collect(Collectors.joining("\n", "", "\n")));
        return file;
    }

}
