package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.RenewalSummary;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * What the command line prints around a run: progress lines on a terminal and nothing
 * extra without one (as under cron), an import without documents and no warning about a
 * made-up file, a summary that names only outputs that exist, a dry run of a completed
 * date that says so, a status whose columns line up with times in Danish time, and
 * {@code restart} of an unknown execution answered before the application starts.
 */
@SlowTest
class CommandLineOutputTests {

    /**
     * A progress line: a step, done of total with its share, and (after a second) rate
     * and time left.
     */
    private static final Pattern PROGRESS = Pattern.compile("(?m)^  (\\w+): (\\d+)( of (\\d+) \\((\\d+) %\\))?.*$");

    @TempDir
    Path tmp;

    @Test
    void withoutATerminalARunShowsNoProgressAndItsSummaryNamesOnlyFilesThatExist() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // 30 deposits: 21 due, one of them exempt from Digital Post, so the run writes
        // every output the summary can name (outbox, paper batch, journal, lists); each
        // due notice renders a letter, and more would prove nothing more
        List<Deposit> deposits = DemoRegistry.generate(30, 21);
        // a long file name: the status column of the run it identifies grows to fit it
        Path registry = tmp.resolve("registry-export-from-the-agency-2020-06-01.csv");
        DemoRegistry.writeCsv(registry, deposits);
        OpsFixtures.createRegistry(data, 0, 1);
        Map<String, String> props = OpsFixtures.props(data, out, null);
        // a progress line every 20 ms if stdout were a terminal; it is not here (a pipe,
        // as under cron)
        props.put("app.progress.interval", "20ms");

        // no terminal: nothing extra, and no warning about a documents file never named
        OpsFixtures.Result imported = OpsFixtures.cli(props, "import", "--registry", registry.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(PROGRESS.matcher(imported.out()).find()).as(imported.toString()).isFalse();
        assertThat(imported.all() + OpsFixtures.read(data.resolve("logs").resolve("udlaendinge-batch.log")))
            .doesNotContain("no-file-given")
            .doesNotContain("Input resource does not exist");

        Map<String, String> small = new java.util.HashMap<>(props);
        small.put("app.renewal.chunk-size", "5");
        OpsFixtures.Result run = OpsFixtures.cli(small, "renewal", "--run-date", OpsFixtures.RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(PROGRESS.matcher(run.out()).find()).as(run.toString()).isFalse();

        // the summary names an output if and only if it exists: a run with letters (that
        // wrote every output, so each is named), and one with nothing due
        RenewalOutputs written = new RenewalOutputs(out);
        assertThat(List.of(written.outbox(OpsFixtures.RUN_DATE), written.paperDir(OpsFixtures.RUN_DATE),
                written.journal(OpsFixtures.RUN_DATE), written.lists(OpsFixtures.RUN_DATE)))
            .as("the small registry still writes every output")
            .allMatch(Files::exists);
        assertNamesExactlyTheOutputsThatExist(run, out, OpsFixtures.RUN_DATE);
        OpsFixtures.Result nothingDue = OpsFixtures.cli(props, "renewal", "--run-date", "2001-01-02");
        assertThat(nothingDue.code()).as(nothingDue.toString()).isZero();
        assertNamesExactlyTheOutputsThatExist(nothingDue, out, LocalDate.of(2001, 1, 2));
        // a date nothing ran for (as after a stop before any step wrote): no output
        // named, and that said
        java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
        OpsFixtures.withDb(data, jdbc -> {
            new RenewalSummary(jdbc, new RenewalOutputs(out)).print(
                    new java.io.PrintStream(summary, true, java.nio.charset.StandardCharsets.UTF_8),
                    LocalDate.of(2001, 1, 3));
            return null;
        });
        assertThat(summary.toString(java.nio.charset.StandardCharsets.UTF_8))
            .contains("no output files for this run date yet")
            .doesNotContain("outbox:", "paper batch:", "journal:", "lists:");

        // a dry run of the completed date says so instead of counting sent notices as
        // still to go
        OpsFixtures.Result dry = OpsFixtures.cli(props, "renewal", "--run-date", OpsFixtures.RUN_DATE.toString(),
                "--dry-run");
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out()).as(dry.toString())
            .contains("Dry run for " + OpsFixtures.RUN_DATE
                    + ": the renewal run for this date already completed (execution ")
            .doesNotContain("would be sent");

        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.code()).as(status.toString()).isZero();
        List<String> lines = status.out().lines().toList();
        String header = lines.get(0);
        List<String> rows = lines.stream().filter(l -> l.matches("^\\d+ .*")).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        for (String column : List.of("JOB", "RUN", "STATUS", "START", "END", "DURATION")) {
            int at = header.indexOf(" " + column) + 1;
            for (String row : rows) {
                assertThat(row.charAt(at - 1)).as("column %s in\n%s\n%s", column, header, row).isEqualTo(' ');
                assertThat(row.charAt(at)).as("column %s in\n%s\n%s", column, header, row).isNotEqualTo(' ');
            }
        }
        assertThat(status.out()).contains("registry-export-from-the-agency-2020-06-01.csv");
        // times in Danish time, as the console shows them: the recorded start of the
        // latest execution
        LocalDateTime recorded = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForObject(
                        "SELECT START_TIME FROM"
                                + " BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
                        java.sql.Timestamp.class))
            .toLocalDateTime();
        String danish = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .format(recorded.atZone(ZoneId.systemDefault()).withZoneSameInstant(ZoneId.of("Europe/Copenhagen")));
        assertThat(rows.get(0)).as(status.toString()).contains(danish);
    }

    /**
     * On a terminal (a pseudo-terminal from script(1)) with the default {@code auto}, a
     * renewal prints progress lines, done never above the total; the summary follows as
     * without one.
     */
    @Test
    void onATerminalARenewalShowsItsProgress() {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // 60 deposits, 35 due: with chunks of 5 and a line every 20 ms, the job runs for
        // many intervals even on a fast machine (each letter renders a PDF)
        OpsFixtures.createRegistry(data, 60, 21);
        Map<String, String> props = OpsFixtures.props(data, out, null);
        props.put("app.progress.interval", "20ms");
        props.put("app.renewal.chunk-size", "5");
        OpsFixtures.Result run = OpsFixtures
            .startOnTerminal(props, tmp.resolve("logs"), "renewal", "renewal", "--run-date",
                    OpsFixtures.RUN_DATE.toString())
            .await(Duration.ofMinutes(5));
        assertThat(run.code()).as(run.toString()).isZero();
        Matcher line = PROGRESS.matcher(run.out());
        assertThat(line.find()).as(run.toString()).isTrue();
        do {
            if (line.group(4) != null) {
                assertThat(Long.parseLong(line.group(2))).as(line.group())
                    .isLessThanOrEqualTo(Long.parseLong(line.group(4)));
            }
        }
        while (line.find());
        assertThat(run.out()).as(run.toString()).contains("Renewal run " + OpsFixtures.RUN_DATE + ": selected ");
    }

    /**
     * {@code restart 9999} is answered from the job repository before the application
     * starts: a setting the full start refuses (the old limit's name) is never reached
     * for it, while a restart of an execution that exists goes on to the full start and
     * meets that refusal.
     */
    @Test
    void aRestartOfAnUnknownExecutionIsAnsweredBeforeTheApplicationStarts() {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 5, 3);
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        assertThat(OpsFixtures.cli(props, "renewal", "--run-date", OpsFixtures.RUN_DATE.toString()).code()).isZero();
        props.put("app.renewal.digital-post-limit", "5MB");

        long started = System.nanoTime();
        OpsFixtures.Result unknown = OpsFixtures.cli(props, "restart", "9999");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(unknown.out()).as(unknown.toString()).isEmpty();
        assertThat(unknown.err().lines()).as(unknown.toString())
            .containsExactly("error: there is no execution 9999; ./run.sh status lists them");

        long existing = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class));
        started = System.nanoTime();
        OpsFixtures.Result known = OpsFixtures.cli(props, "restart", Long.toString(existing));
        Duration full = Duration.ofNanos(System.nanoTime() - started);
        assertThat(known.code()).as(known.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(known.err()).as(known.toString()).contains("app.renewal.digital-post-limit is no longer read");
        System.out.println("restart 9999 answered in " + took.toMillis() + " ms; restart " + existing
                + " reached the full start's" + " configuration check in " + full.toMillis() + " ms");
    }

    private static void assertNamesExactlyTheOutputsThatExist(OpsFixtures.Result run, Path out, LocalDate runDate) {
        RenewalOutputs outputs = new RenewalOutputs(out);
        Map<String, Path> expected = Map.of("outbox", outputs.outbox(runDate), "paper batch", outputs.paperDir(runDate),
                "journal", outputs.journal(runDate), "lists", outputs.lists(runDate));
        expected.forEach((label, path) -> {
            String line = "  " + label + ": ";
            if (Files.exists(path)) {
                assertThat(run.out()).as(run.toString())
                    .containsPattern("(?m)^" + Pattern.quote(line) + " *"
                            + Pattern.quote(path.toAbsolutePath().normalize().toString()) + "$");
            }
            else {
                assertThat(run.out()).as(run.toString()).doesNotContain(line);
            }
        });
    }

    @Test
    void aProgressLineSaysDoneOfTotalRateAndTimeLeft() {
        assertThat(TerminalProgress.line("sendNotices", 1200, 5000, Duration.ofSeconds(30)))
            .isEqualTo("  sendNotices: 1200 of 5000 (24 %), 40/s, about 1 min 35 s left");
        assertThat(TerminalProgress.line("importDeposits", 3, -1, Duration.ofMillis(200)))
            .isEqualTo("  importDeposits: 3");
    }

}
