package dk.udlaendinge.batch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.DepositUpsert;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * Fills the benchmark's scratch registry fast: one transaction and large JDBC batches
 * instead of a commit (and an fsync) every 1,000 rows, and on HSQLDB without its redo log
 * while loading. Only for the scratch database the benchmark created itself: a crash
 * during the load loses nothing anyone needs, the next benchmark regenerates it.
 */
final class BulkLoad {

    private static final int SLICE = 50_000;

    private static final int BATCH = 5_000;

    private BulkLoad() {
    }

    static void deposits(JdbcTemplate jdbc, int count) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean hsqldb = c.getMetaData().getDatabaseProductName().toLowerCase().contains("hsql");
            boolean autoCommit = c.getAutoCommit();
            if (hsqldb) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET FILES LOG FALSE");
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(DepositUpsert.INSERT_SQL)) {
                int batched = 0;
                for (int from = 0; from < count; from += SLICE) {
                    // generated in slices so the generator itself does not hold the whole
                    // registry
                    List<Deposit> slice = DemoRegistry.generate(Math.min(SLICE, count - from), 1000L + from);
                    for (int i = 0; i < slice.size(); i++) {
                        DepositUpsert.bind(slice.get(i).withId(String.format("BENCH-%08d", from + i + 1)), ps,
                                SecurityRules.THROUGH_TIME);
                        ps.addBatch();
                        if (++batched == BATCH) {
                            ps.executeBatch();
                            batched = 0;
                        }
                    }
                }
                if (batched > 0) {
                    ps.executeBatch(); // HSQLDB refuses an empty batch
                }
                c.commit();
            }
            finally {
                c.setAutoCommit(autoCommit);
                afterLoad(c, hsqldb);
            }
            return null;
        });
    }

    private static void afterLoad(Connection c, boolean hsqldb) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            if (hsqldb) {
                // the log on again, and everything loaded written to the data file now
                s.execute("SET FILES LOG TRUE");
                s.execute("CHECKPOINT");
            }
            else {
                // the planner's statistics as they would be on a registry that has been
                // in use
                s.execute("ANALYZE deposit");
            }
        }
    }

}
