package dk.udlaendinge.batch.common.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.BarrierLauncher;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Two processes sharing a PostgreSQL job repository launch the renewal job for the same
 * run date at the same instant (released together by a barrier file), ten times over:
 * each time exactly one runs it and the other is refused with exit 3 (or, when a busy
 * machine lets the first finish before the second reaches the launch, finds it completed;
 * at least half the rounds must overlap, so the race is run). Nothing in the application
 * decides this by check-then-act; it rests on the database (Spring Batch's unique job
 * instance key and its serializable creation of executions).
 */
@SlowTest
class OverlapOnPostgresTests {

    static {
        OpsFixtures.init();
    }

    private static final int ROUNDS = 10; // each round is a fresh race; 10 rounds keep
                                          // the suite within its time budget

    private static final LocalDate FIRST = LocalDate.of(2020, 6, 1);

    @TempDir
    Path tmp;

    @Test
    void sameRunDateLaunchedTogetherFromTwoProcessesRunsOnceAndRefusesTheOther() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        OpsFixtures.createRegistry(db, 20, 4); // tiny: the race is about launching, not
                                               // sending
        Path barrier = Files.createDirectories(tmp.resolve("barrier"));
        List<OpsFixtures.Child> children = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            Map<String, String> props = OpsFixtures.props(db, tmp.resolve("data-" + name), tmp.resolve("out-" + name),
                    null);
            children.add(OpsFixtures.startMain(props, tmp.resolve("logs"), name, BarrierLauncher.class.getName(),
                    barrier.toString(), Integer.toString(ROUNDS), FIRST.toString()));
        }
        try {
            // a bound, not a pause: 2 minutes timed out beside three other test runs
            // (load 40 on two cores)
            OpsFixtures.awaitTrue("both processes ready", Duration.ofMinutes(6),
                    () -> files(barrier, "ready-").size() == 2
                            || children.stream().anyMatch(c -> !c.process().isAlive()));
            assertThat(files(barrier, "ready-")).as(children.toString()).hasSize(2);

            long t0 = System.nanoTime();
            int overlapped = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Files.writeString(barrier.resolve("go-" + round), "");
                String prefix = "done-" + round + "-";
                OpsFixtures.awaitTrue("round " + round + " done in both processes", Duration.ofMinutes(1),
                        () -> files(barrier, prefix).size() == 2);
                List<String> codes = files(barrier, prefix).stream()
                    .map(OverlapOnPostgresTests::read)
                    .sorted()
                    .toList();
                String completedTwice = Integer.toString(ExitCodes.COMPLETED);
                if (codes.equals(List.of(completedTwice, completedTwice))) {
                    // on a busy machine one process can reach the launch only after the
                    // other's run
                    // (a few notices) has completed: it must then find the run done, not
                    // run it again
                    assertThat(output(children)).as("round " + round + ": the later launch found the run done")
                        .contains("renewalNoticeJob already completed for runDate=" + FIRST.plusDays(round)
                                + ": nothing new to do.");
                }
                else {
                    assertThat(codes).as("round " + round + ": exit codes of the two launches\n" + output(children))
                        .containsExactly(Integer.toString(ExitCodes.COMPLETED), Integer.toString(ExitCodes.REFUSED));
                    overlapped++;
                }
            }
            double perRound = (System.nanoTime() - t0) / 1e9 / ROUNDS;
            System.out.printf("overlap: %d rounds, %d launched while the other ran, %.2f s per round%n", ROUNDS,
                    overlapped, perRound);
            // the race itself must have been run: most rounds overlap (all of them on an
            // idle machine)
            assertThat(overlapped).as("rounds in which the two launches overlapped").isGreaterThanOrEqualTo(ROUNDS / 2);
            for (OpsFixtures.Child c : children) {
                OpsFixtures.Result r = c.await(Duration.ofMinutes(1));
                assertThat(r.code()).as(r.toString()).isZero();
            }
        }
        finally {
            children.forEach(OpsFixtures.Child::kill); // a failed round must not leave
                                                       // them waiting
        }
        long completed = db.with(jdbc -> jdbc
            .queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'", Long.class));
        long executions = db.with(jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class));
        assertThat(completed).as("one completed execution per run date").isEqualTo(ROUNDS);
        assertThat(executions).as("and no second execution of any").isEqualTo(ROUNDS);
    }

    private static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String output(List<OpsFixtures.Child> children) {
        StringBuilder b = new StringBuilder();
        children.forEach(c -> b.append(c.output()).append('\n'));
        return b.toString();
    }

}
