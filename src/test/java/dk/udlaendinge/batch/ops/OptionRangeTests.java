package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.quota.QuotaRequests;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Numbers and ids out of range get one clear line and exit 2, never an exception from
 * deep inside ("Index 5 out of bounds", "Incorrect result size") with exit 1.
 */
@SlowTest
class OptionRangeTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private Map<String, String> props;

    private Path statistics;

    @BeforeEach
    void setUp() throws IOException {
        props = OpsFixtures.props(tmp.resolve("data"), tmp.resolve("out"), null);
        statistics = tmp.resolve("statistics-2015.csv");
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            Files.copy(in, statistics);
        }
    }

    @Test
    void numbersOutOfRangeAreRefusedBeforeAnythingStarts() {
        String stats = statistics.toString();
        assertBadUsage(
                OpsFixtures.cli(props, "quota", "--year", "2015", "--national-figure", "9223372036854775807",
                        "--statistics", stats),
                "--national-figure must be from 0 to 1,000,000, was 9223372036854775807");
        assertBadUsage(OpsFixtures.cli(props, "quota", "--year", "2015", "--national-figure", "99999999999999999999",
                "--statistics", stats), "--national-figure must be from 0 to 1,000,000");
        assertBadUsage(
                OpsFixtures.cli(props, "quota", "--year", "2015", "--national-figure", "-1", "--statistics", stats),
                "--national-figure must be from 0 to 1,000,000, was -1");
        assertBadUsage(OpsFixtures.cli(props, "quota", "--year", "99999999999", "--national-figure", "10",
                "--statistics", stats), "--year must be from 2,000 to 2,999");
        assertBadUsage(OpsFixtures.cli(props, "status", "--limit", "2147483648"), "--limit must be from 1 to 10,000");
        assertBadUsage(OpsFixtures.cli(props, "renewal", "--run-date", "+999999999-12-31"),
                "--run-date must be a date from 2000-01-01 to 2999-12-31");
        assertBadUsage(OpsFixtures.cli(props, "stop", "99999999999999999999"), "an execution id is a number");
        assertBadUsage(OpsFixtures.cli(props, "restart", "-5"), "there is no execution -5");
        assertThat(tmp.resolve("data").resolve("db")).as("the database was not even opened").doesNotExist();
    }

    @Test
    void restartOfAnExecutionThatDoesNotExistSaysSo() {
        OpsFixtures.createRegistry(tmp.resolve("data"), 5, 1);
        assertBadUsage(OpsFixtures.cli(props, "restart", "999"),
                "there is no execution 999; ./run.sh status lists them");
    }

    private static void assertBadUsage(OpsFixtures.Result r, String message) {
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).as(r.toString()).contains(message);
        assertThat(r.err().strip().lines().count()).as("one line\n" + r).isEqualTo(1);
        assertThat(r.all()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

}
