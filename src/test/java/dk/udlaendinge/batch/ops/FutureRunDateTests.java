package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * A run date far in the future is a typo that sends real letters dated then and spoils
 * the real night (issue 20, item 7): {@code --run-date 2041-12-01} is refused with one
 * line and exit 2, before any execution is created; a dry run may look at it; tomorrow
 * (within app.renewal.future-margin) is still a run; lead-days beyond a year stops the
 * start. The real command on real HSQLDB files; nothing is sent (the outbox gateway).
 */
@SlowTest
class FutureRunDateTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private Map<String, String> props() {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 50, 20141201);
        return OpsFixtures.props(data, tmp.resolve("out"), null);
    }

    private long executions(Map<String, String> props) {
        return OpsFixtures.withDb(tmp.resolve("data"),
                jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class));
    }

    @Test
    void aRunDateYearsAheadIsRefusedWithOneLineAndNothingRuns() {
        Map<String, String> props = props();
        OpsFixtures.Result r = OpsFixtures.cli(props, "renewal", "--run-date", "2041-12-01");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
            .startsWith("error: the run date 2041-12-01 is ")
            .contains("day(s) after today (" + LocalDate.now() + ")")
            .contains("at most 1 day(s) ahead (app.renewal.future-margin)")
            .contains("--dry-run")
            .doesNotContain("\n")
            .doesNotContain("Exception");
        assertThat(executions(props)).as("no execution was created").isZero();
        assertThat(tmp.resolve("out/outbox/2041-12-01")).doesNotExist();
    }

    @Test
    void aDryRunMayLookAtAFutureDate() {
        OpsFixtures.Result r = OpsFixtures.cli(props(), "renewal", "--run-date", "2041-12-01", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void tomorrowIsWithinTheMarginAndTheDayAfterIsNotUnlessTheMarginIsWider() {
        Map<String, String> props = props();
        String dayAfter = LocalDate.now().plusDays(2).toString();
        OpsFixtures.Result refused = OpsFixtures.cli(props, "renewal", "--run-date", dayAfter);
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(refused.err()).contains("the run date " + dayAfter + " is 2 day(s) after today");

        props.put("app.renewal.future-margin", "3d");
        OpsFixtures.Result ok = OpsFixtures.cli(props, "renewal", "--run-date", dayAfter);
        assertThat(ok.code()).as(ok.toString()).isZero();
        OpsFixtures.Result tomorrow = OpsFixtures.cli(props, "renewal", "--run-date",
                LocalDate.now().plusDays(1).toString());
        assertThat(tomorrow.code()).as(tomorrow.toString()).isZero();
    }

    @Test
    void leadDaysBeyondAYearStopTheStartWithOneLine() {
        Map<String, String> props = props();
        props.put("app.renewal.lead-days", "100000");
        OpsFixtures.Result r = OpsFixtures.cli(props, "renewal", "--run-date", "2015-01-01");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
            .endsWith("app.renewal.lead-days must be 0 to 366 (at most a year ahead), was 100000")
            .doesNotContain("\n");
        props.put("app.renewal.lead-days", "366");
        assertThat(OpsFixtures.cli(props, "renewal", "--run-date", "2015-01-01", "--dry-run").code()).isZero();
    }

}
