package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's partitioning options are checked before anything starts (no scratch database,
 * no worker): one line and exit 2. The remote bench itself is run by hand (docs/PERFORMANCE.md),
 * not here: it starts worker JVMs and takes minutes.
 */
class BenchOptionsTests {

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
        assertThat(Cli.run(new String[] {"bench", "--workers", "2", "--database", "postgresql"}))
                .isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --workers needs --partitioning remote (with"
                + " local partitions the benchmark runs them on threads of its own)\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void remotePartitioningNeedsPostgresql() {
        assertThat(Cli.run(new String[] {"bench", "--partitioning", "remote"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --partitioning remote needs --database"
                + " postgresql: the workers share the database, and the embedded HSQLDB admits one process\n");
    }

    @Test
    void unknownPartitioningAndWorkersOutOfRangeAreRefused() {
        assertThat(Cli.run(new String[] {"bench", "--partitioning", "cluster"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(Cli.run(new String[] {"bench", "--partitioning", "remote", "--database", "postgresql", "--workers",
                "0"})).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).first().asString()
                .isEqualTo("error: --partitioning must be one of [local, remote], not 'cluster'");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--workers");
    }

    /** Remote: the embedded broker on a free loopback port, never the configured broker; local forces local. */
    @Test
    void remoteGivesTheApplicationAnEmbeddedBrokerOnAFreePort() {
        BenchCommand bench = new BenchCommand();
        Invocation remote = Invocation.parse(new String[] {"bench", "--partitioning", "remote", "--database",
                "postgresql", "--workers", "2"});
        bench.check(remote);
        List<String> args = bench.applicationArguments(remote);
        assertThat(args).contains("--app.renewal.partitioning=remote", "--app.renewal.embedded-broker=true");
        String url = args.stream().filter(a -> a.startsWith("--spring.artemis.broker-url=")).findFirst().orElseThrow();
        assertThat(url).matches("--spring\\.artemis\\.broker-url=tcp://localhost:\\d+").isNotEqualTo(
                "--spring.artemis.broker-url=" + BrokerCommand.DEFAULT_URL);
        assertThat(bench.applicationArguments(Invocation.parse(new String[] {"bench"})))
                .isEqualTo(List.of("--app.renewal.partitioning=local"));
    }
}
