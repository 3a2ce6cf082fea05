package dk.udlaendinge.batch.ops;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Cron mails whatever a run prints: the console shows the summary, warnings and errors,
 * and the start-up and per-step INFO lines go to the log file only, unless
 * {@code --verbose} asks for them on the console too. Run as separate processes, as cron
 * runs them, through the real logging configuration; the console and the log file are
 * read back.
 */
@SlowTest
class ConsoleOutputTests {

    static {
        OpsFixtures.init();
    }

    /** Spring Batch's own per-job and per-step INFO lines. */
    private static final List<String> STEP_LINES = List.of("Job: [SimpleJob: [name=renewalNoticeJob]] launched",
            "Executing step: [sendNotices]", "Executing step: [sendMunicipalityLists]");

    @TempDir
    Path tmp;

    @Test
    void consoleShowsTheSummaryOnlyAndVerboseAddsTheStepLogWhileTheLogFileAlwaysHasIt() {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // 20 deposits, 8 of them due: what the console shows does not depend on how many
        // letters a run renders, and each costs CPU
        OpsFixtures.createRegistry(data, 20, 20141201);
        Map<String, String> props = OpsFixtures.props(data, out, null);
        Path logFile = data.resolve("logs").resolve("udlaendinge-batch.log");

        // the awaits below are limits, not waits (5 minutes): at a load of 40 on two
        // cores
        // a child took over 3 minutes to run 8 letters
        OpsFixtures.Child quiet = OpsFixtures.start(props, tmp.resolve("logs"), "quiet", "renewal", "--run-date",
                RUN_DATE.toString());
        OpsFixtures.Result q = quiet.await(Duration.ofMinutes(5));
        assertThat(q.code()).as(q.toString()).isZero();
        assertThat(q.out()).as(q.toString())
            .contains("renewalNoticeJob execution 0: COMPLETED")
            .contains("Renewal run " + RUN_DATE + ": selected");
        assertThat(infoLines(q.all())).as("INFO lines on the console without --verbose\n" + q).isEmpty();
        STEP_LINES.forEach(line -> assertThat(q.all()).as(q.toString()).doesNotContain(line));
        String log = OpsFixtures.read(logFile);
        STEP_LINES
            .forEach(line -> assertThat(linesOf(log, quiet.pid(), line)).as("in the log file: " + line).isNotEmpty());

        // the same run date again: one line says so, then the summary
        OpsFixtures.Result again = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out().split("already completed", -1)).as("one 'already completed' line\n" + again).hasSize(2);
        assertThat(again.out()).as(again.toString()).contains("Renewal run " + RUN_DATE + ": selected");

        // another run date, so the job's steps run again
        String nextDay = RUN_DATE.plusDays(1).toString();
        OpsFixtures.Child verbose = OpsFixtures.start(props, tmp.resolve("logs"), "verbose", "renewal", "--run-date",
                nextDay, "--verbose");
        OpsFixtures.Result v = verbose.await(Duration.ofMinutes(5));
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).as(v.toString()).contains("renewalNoticeJob execution 1: COMPLETED");
        assertThat(infoLines(v.all())).as("INFO lines on the console with --verbose\n" + v).isNotEmpty();
        STEP_LINES.forEach(line -> assertThat(v.all()).as(v.toString()).contains(line));
        String logAfter = OpsFixtures.read(logFile);
        STEP_LINES.forEach(
                line -> assertThat(linesOf(logAfter, verbose.pid(), line)).as("in the log file: " + line).isNotEmpty());
    }

    @Test
    void verboseIsTakenByEveryCommandAndIsNoCommandOfItsOwn() {
        Path data = tmp.resolve("data");
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        OpsFixtures.Result help = OpsFixtures.cli(props, "help", "--verbose");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--verbose");
        OpsFixtures.Result unknown = OpsFixtures.cli(props, "--verbose", "renewl");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(unknown.err()).contains("unknown command 'renewl'");
    }

    private static List<String> infoLines(String console) {
        Pattern info = Pattern.compile("\\bINFO\\b");
        return console.lines().filter(l -> info.matcher(l).find()).toList();
    }

    /**
     * Log-file lines of one process ({@code <level> <pid> --- [...]}) that contain
     * {@code text}.
     */
    private static List<String> linesOf(String log, long pid, String text) {
        return log.lines().filter(l -> l.contains(" " + pid + " --- ") && l.contains(text)).toList();
    }

}
