package dk.udlaendinge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.ops.ExitCodes;

/**
 * The benchmark's partitioning options are checked before anything starts (no scratch
 * database, no worker): one line and exit 2. The remote bench itself is run by hand
 * (docs/PERFORMANCE.md), not here: it starts worker JVMs and takes minutes.
 */
class BenchOptionsTests {

    /** The broker URL of config/application.yml and of {@code ./run.sh broker}. */
    private static final String CONFIGURED_BROKER = "tcp://localhost:61616";

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
    void workersWithoutRemotePartitioningAreRefused() {
        assertThat(BenchLauncher.run(new String[] { "--workers", "2", "--database", "postgresql" }))
            .isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --workers needs --partitioning remote (with"
                + " local partitions the benchmark runs them on threads of its own)\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void remotePartitioningNeedsPostgresql() {
        assertThat(BenchLauncher.run(new String[] { "--partitioning", "remote" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --partitioning remote needs --database"
                + " postgresql: the workers share the database, and the embedded HSQLDB admits one process\n");
    }

    @Test
    void unknownPartitioningAndWorkersOutOfRangeAreRefused() {
        assertThat(BenchLauncher.run(new String[] { "--partitioning", "cluster" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher
            .run(new String[] { "--partitioning", "remote", "--database", "postgresql", "--workers", "0" }))
            .isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
            .first()
            .asString()
            .isEqualTo("error: --partitioning must be one of [local, remote], not 'cluster'");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--workers");
    }

    /**
     * Remote: the embedded broker on a free loopback port, never the configured broker;
     * local forces local.
     */
    @Test
    void remoteGivesTheApplicationAnEmbeddedBrokerOnAFreePort() {
        List<String> args = BenchOptions
            .parse(new String[] { "--partitioning", "remote", "--database", "postgresql", "--workers", "2" })
            .applicationArguments();
        assertThat(args).contains("--app.renewal.partitioning=remote", "--app.renewal.embedded-broker=true");
        String url = args.stream().filter(a -> a.startsWith("--spring.artemis.broker-url=")).findFirst().orElseThrow();
        assertThat(url).matches("--spring\\.artemis\\.broker-url=tcp://localhost:\\d+")
            .isNotEqualTo("--spring.artemis.broker-url=" + CONFIGURED_BROKER);
        assertThat(BenchOptions.parse(new String[0]).applicationArguments())
            .isEqualTo(List.of("--app.renewal.partitioning=local"));
    }

    /**
     * Out of range is one line before anything starts, as for every production command
     * (OptionRangeTests).
     */
    @Test
    void numbersOutOfRangeAreRefusedBeforeAnythingStarts() {
        assertThat(BenchLauncher.run(new String[] { "--deposits", "9999999999" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher.run(new String[] { "--repetitions", "0" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher.run(new String[] { "--run-date", "+999999999-12-31" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "error: --deposits must be from 1 to 10,000,000, was 9999999999",
                "error: --repetitions must be from 1 to 1,000, was 0",
                "error: --run-date must be a date from 2000-01-01 to 2999-12-31, was +999999999-12-31");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no scratch folder or database was made").isEmpty();
    }

    /**
     * What the production commands say of an option or argument they do not take, and of
     * a doubled option.
     */
    @Test
    void unknownOptionsArgumentsAndDoubledOptionsAreRefused() {
        assertThat(BenchLauncher.run(new String[] { "--limit", "5" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher.run(new String[] { "extra" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher.run(new String[] { "--deposits", "5", "--deposits", "6" }))
            .isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(BenchLauncher.run(new String[] { "--deposits" })).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "error: 'bench' does not take --limit (it takes: --deposits, --run-date, --repetitions, --database,"
                        + " --first-notice, --partitioning, --workers)",
                "error: 'bench' does not take the argument 'extra'", "error: option --deposits is given twice",
                "error: option --deposits needs a value");
    }

    /** The usage line lists every option the parser takes, as the old help line did. */
    @Test
    void helpShowsTheUsageWithEveryOption() {
        assertThat(BenchLauncher.run(new String[] { "--help" })).isEqualTo(ExitCodes.COMPLETED);
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: ./run.sh bench [--deposits N] [--run-date YYYY-MM-DD] [--repetitions N]"
                + " [--database hsqldb|postgresql] [--first-notice] [--partitioning local|remote] [--workers N]\n");
        BenchOptions.NAMES.forEach(name -> assertThat(help).contains("[--" + name));
    }

}
