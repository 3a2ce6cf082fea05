package dk.udlaendinge.batch.ops;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * {@code ./run.sh bench} ({@link dk.udlaendinge.batch.bench.BenchLauncher}) deletes and
 * regenerates a registry and leaves executions behind, so it must run on a scratch
 * database of its own: with a configured database (HSQLDB files, or a PostgreSQL server)
 * that holds a registry, notices and executions, a bench run (on a scratch HSQLDB, and on
 * its own embedded PostgreSQL) leaves every one of them as it was.
 */
@SlowTest
class BenchScratchDatabaseTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private record Snapshot(List<String> deposits, List<String> notices, List<String> executions) {
    }

    private static Snapshot snapshot(TestDatabase db) {
        return db.with(jdbc -> new Snapshot(
                jdbc.queryForList("SELECT deposit_id || '/' || amount_dkk || '/' || expiry_date FROM deposit"
                        + " ORDER BY deposit_id", String.class),
                jdbc.queryForList("SELECT notice_id || '/' || deposit_id || '/' || status FROM renewal_notice"
                        + " ORDER BY notice_id", String.class),
                jdbc.queryForList("SELECT JOB_EXECUTION_ID || '/' || STATUS FROM BATCH_JOB_EXECUTION"
                        + " ORDER BY JOB_EXECUTION_ID", String.class)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void benchLeavesTheConfiguredRegistryNoticesAndExecutionsUnchanged(TestDatabase.Kind kind) {
        Path data = tmp.resolve("data");
        TestDatabase db = kind.create(data);
        // small on purpose: what is checked is that nothing changes, not how much there
        // is (20 deposits, 12 of them due, so the configured database holds notices);
        // each letter a run renders costs CPU, and the four bench runs below render
        // theirs twice (the job and the single-thread baseline)
        OpsFixtures.createRegistry(db, 20, 5);
        Map<String, String> props = OpsFixtures.props(db, data, tmp.resolve("out"), null);
        OpsFixtures.Result renewal = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(renewal.code()).as(renewal.toString()).isZero();
        Snapshot before = snapshot(db);
        assertThat(before.deposits()).hasSize(20);
        assertThat(before.notices()).as("the configured database holds notices").isNotEmpty();
        assertThat(before.executions()).containsExactly("0/COMPLETED");

        // the bench on a scratch HSQLDB file (the default), and on an embedded PostgreSQL
        // of its own
        for (String database : List.of("hsqldb", "postgresql")) {
            OpsFixtures.Result bench = OpsFixtures.bench(props, "--deposits", "10", "--repetitions", "1", "--database",
                    database);
            assertThat(bench.code()).as(bench.toString()).isZero();
            assertThat(bench.out()).contains("bench: deposits=10 ")
                .contains(database.equals("hsqldb") ? "database: scratch HSQLDB"
                        : "database: scratch embedded PostgreSQL");
            assertThat(snapshot(db)).as("the configured database after bench --database " + database).isEqualTo(before);
        }
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.out()).as(status.toString()).doesNotContain("benchRun").contains("renewalNoticeJob");
    }

}
