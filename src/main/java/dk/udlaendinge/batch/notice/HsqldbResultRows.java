package dk.udlaendinge.batch.notice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets one HSQLDB session hold a larger statement result in memory, and gives the pooled
 * connection back with the database's own limit. On any other database it does nothing.
 * <p>
 * Why: HSQLDB materialises the result of an {@code INSERT … SELECT} before inserting it, and
 * the database URL caps results at {@code hsqldb.result_max_memory_rows} (20,000) rows, beyond
 * which the result, sorted by the ORDER BY, is built as an indexed table in its disk cache.
 * With 183,000 notices due that disk-backed result was about 70 % of the select step on a
 * profile (JFR: {@code QuerySpecification.buildResult} → {@code RowStoreAVLHybrid} →
 * {@code DataFileCache.getFromFile}), and the send step, so the first notice, waits for the
 * whole select step. The cap stays for every other statement and session.
 */
final class HsqldbResultRows implements AutoCloseable {

    private final Connection connection;
    private final Integer restore;

    private HsqldbResultRows(Connection connection, Integer restore) {
        this.connection = connection;
        this.restore = restore;
    }

    /** Raises the session's limit to {@code rows} on HSQLDB, until {@link #close()}. */
    static HsqldbResultRows raise(Connection c, int rows) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("hsql")) {
            return new HsqldbResultRows(c, null);
        }
        try {
            int databaseLimit;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES"
                            + " WHERE PROPERTY_NAME = 'hsqldb.result_max_memory_rows'")) {
                databaseLimit = rs.next() ? Integer.parseInt(rs.getString(1).trim()) : 0;
            }
            // 0 means no limit: a database without one needs nothing raised
            if (databaseLimit == 0 || databaseLimit >= rows) {
                return new HsqldbResultRows(c, null);
            }
            set(c, rows);
            return new HsqldbResultRows(c, databaseLimit);
        } catch (SQLException | NumberFormatException refused) {
            // only a speed-up: a session that may not read or change the cap selects the same rows, slower
            return new HsqldbResultRows(c, null);
        }
    }

    private static void set(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION RESULT MEMORY ROWS " + rows); // a session setting, not transactional
        }
    }

    @Override
    public void close() throws SQLException {
        if (restore != null) {
            set(connection, restore);
        }
    }
}
