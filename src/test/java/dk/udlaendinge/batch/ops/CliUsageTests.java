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
    void helpListsEveryCommand() {
        assertThat(Cli.run(new String[] {"help"})).isEqualTo(ExitCodes.COMPLETED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo (default)", "import --registry FILE",
                "renewal [--run-date YYYY-MM-DD] [--dry-run]", "quota --year Y", "status [--limit N]",
                "restart [EXECUTION_ID]", "stop EXECUTION_ID", "daemon", "bench [--deposits N]", "Exit codes");
    }

    @Test
    void unknownCommandIsBadUsage() {
        assertThat(Cli.run(new String[] {"renewl"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'renewl'", "./run.sh help");
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertThat(Cli.run(new String[] {"renewal", "--rundate", "2014-12-01"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'renewal' does not take --rundate",
                "--run-date, --dry-run");
    }

    @Test
    void optionWithoutValueIsBadUsage() {
        assertThat(Cli.run(new String[] {"import", "--registry"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --registry needs a value");
    }

    @Test
    void stopWithoutAnIdIsBadUsage() {
        assertThat(Cli.run(new String[] {"stop"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs the EXECUTION_ID");
    }

    @Test
    void parsesOptionsFlagsAndPositionals() {
        Invocation inv = Invocation.parse(new String[] {"renewal", "--run-date=2015-01-02", "--dry-run"});
        assertThat(inv.command()).isEqualTo("renewal");
        assertThat(inv.dateOption("run-date", null)).isEqualTo("2015-01-02");
        assertThat(inv.flag("dry-run")).isTrue();
        assertThat(Invocation.parse(new String[0]).command()).isEqualTo("demo");
        assertThat(Invocation.parse(new String[] {"restart", "42"}).positional()).containsExactly("42");
    }

    @Test
    void aRunDateThatIsNotADateNamesTheValue() {
        Invocation inv = Invocation.parse(new String[] {"renewal", "--run-date", "2014-13-01"});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inv.dateOption("run-date", null))
                .hasMessage("--run-date must be a date yyyy-MM-dd, was '2014-13-01'");
    }
}
