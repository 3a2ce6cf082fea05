package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage errors are answered before the application starts: a clear message on stderr and
 * exit code 2, and {@code help} lists every command.
 */
class CliUsageTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream stdout;

    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    @Test
    void helpListsEveryCommandWithAllItsOptions() {
        assertThat(Cli.run(new String[] { "help" })).isEqualTo(ExitCodes.COMPLETED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "  broker                the broker for remote partitions",
                "  daemon                keep running, launch the renewal job on its schedule (app.schedule.renewal-cron)"
                        + " and serve the console",
                "  demo (default)        generate a demo registry if empty, run the renewal job for the demo date,"
                        + " then the 2015 quota demo",
                "  hash-password         read a console user's password", "  help                  this text",
                "  import --registry FILE [--documents FILE]\n",
                "  quota --year Y --national-figure L --statistics FILE [--agreements FILE]\n",
                "  renewal [--run-date YYYY-MM-DD] [--dry-run]\n", "  restart [EXECUTION_ID]\n",
                "  status [--limit N]    the latest executions of every job, with their steps",
                "  stop EXECUTION_ID     ask a running execution", "Every command also takes --verbose",
                "Exit codes: 0 completed")
            .doesNotContain("schedules");
    }

    /**
     * The text is built from picocli's model of the commands: every command and every
     * option it takes is in it.
     */
    @Test
    void helpIsBuiltFromTheCommandsDeclarations() {
        Cli.run(new String[] { "--help" });
        String help = out.toString(StandardCharsets.UTF_8);
        java.util.List<picocli.CommandLine.Model.CommandSpec> commands = RunSh.commandSpecs();
        // contains, not containsExactly: a new command is one new class, with no list to
        // edit here
        assertThat(commands).extracting(picocli.CommandLine.Model.CommandSpec::name)
            .contains("daemon", "demo", "hash-password", "help", "import", "quota", "renewal", "restart", "status",
                    "stop", "worker")
            .isSorted();
        for (picocli.CommandLine.Model.CommandSpec c : commands) {
            assertThat(help).contains("  " + HelpCommand.usage(c).replaceFirst("^demo", "demo (default)"),
                    String.join(" ", c.usageMessage().description()));
            c.options().forEach(o -> assertThat(HelpCommand.usage(c)).contains(o.longestName()));
        }
        // the benchmark is not a command of the jar, but run.sh still offers it: help
        // says so
        assertThat(help).contains("  bench [options]", "./run.sh bench --help lists its options");
    }

    /**
     * The options are listed in the order they are declared, and --run-date=D is read as
     * --run-date D.
     */
    @Test
    void optionsInDeclaredOrderAndWithEquals() {
        assertThat(Cli.run(new String[] { "renewal", "--run-date=2015-13-02", "--dry-run" }))
            .isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("error: --run-date must be a date yyyy-MM-dd, was '2015-13-02'\n");
    }

    @Test
    void anOptionGivenTwiceIsBadUsage() {
        assertThat(Cli.run(new String[] { "status", "--limit", "3", "--limit", "4" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: option --limit is given twice\n");
    }

    @Test
    void aRequiredOptionIsCheckedBeforeTheApplicationStarts() {
        assertThat(Cli.run(new String[] { "import", "--documents", "d.csv" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: 'import' needs --registry\n");
    }

    @Test
    void unknownCommandIsBadUsage() {
        assertThat(Cli.run(new String[] { "renewl" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'renewl'", "./run.sh help");
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertThat(Cli.run(new String[] { "renewal", "--rundate", "2014-12-01" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'renewal' does not take --rundate",
                "--run-date, --dry-run");
    }

    @Test
    void optionWithoutValueIsBadUsage() {
        assertThat(Cli.run(new String[] { "import", "--registry" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --registry needs a value");
    }

    @Test
    void stopWithoutAnIdIsBadUsage() {
        assertThat(Cli.run(new String[] { "stop" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs the EXECUTION_ID");
    }

    @Test
    void aRunDateThatIsNotADateNamesTheValue() {
        assertThat(Cli.run(new String[] { "renewal", "--run-date", "2014-13-01" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("error: --run-date must be a date yyyy-MM-dd, was '2014-13-01'\n");
    }

    @Test
    void anArgumentACommandDoesNotTakeIsBadUsage() {
        assertThat(Cli.run(new String[] { "status", "extra" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("error: 'status' does not take the argument 'extra'\n");
    }

}
