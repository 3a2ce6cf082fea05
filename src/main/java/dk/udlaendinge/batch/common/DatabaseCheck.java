package dk.udlaendinge.batch.common;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.DataSourceUnwrapper;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the database once as soon as the datasource exists (before Flyway or anything
 * else uses it), so that a server that is down, a wrong password or an unsupported
 * PostgreSQL version is reported as one line naming the URL and the fix
 * ({@link DatabaseUnavailableException}), instead of a pool or Flyway stack trace.
 * PostgreSQL must be 15 or later: the upserts of the import use SQL MERGE, new in 15.
 */
public final class DatabaseCheck implements BeanPostProcessor {

    /** The oldest PostgreSQL this application runs on (MERGE arrived in 15). */
    public static final int POSTGRESQL_MIN_MAJOR = 15;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            check(dataSource);
        }
        return bean;
    }

    static void check(DataSource dataSource) {
        String url = describe(dataSource);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            checkVersion(url, meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(),
                    meta.getDatabaseProductVersion());
        }
        catch (SQLException | RuntimeException e) {
            if (e instanceof DatabaseUnavailableException d) {
                throw d;
            }
            SQLException sql = sqlCause(e);
            if (sql != null && isHsqldbLock(sql)) {
                // the embedded database held by another process: the command line refuses
                // (exit 3) naming it
                throw new DatabaseLockedException(e);
            }
            if (sql == null) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            throw new DatabaseUnavailableException(explain(url, sql), e);
        }
    }

    static void checkVersion(String url, String product, int major, String version) {
        if (product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
                && major < POSTGRESQL_MIN_MAJOR) {
            throw new DatabaseUnavailableException("the database at " + url + " is PostgreSQL " + version
                    + ", older than supported: use PostgreSQL " + POSTGRESQL_MIN_MAJOR + " or later", null);
        }
    }

    /**
     * What went wrong, from the SQL state the drivers give (HSQLDB and PostgreSQL alike).
     */
    static String explain(String url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "the database at " + url + " refused the user name or password: set SPRING_DATASOURCE_USERNAME and"
                    + " SPRING_DATASOURCE_PASSWORD (APP_DB_PASSWORD for the embedded database) to the right ones";
        }
        if (state.equals("3D000")) {
            return "the database at " + url + " does not exist: create it (createdb) or correct SPRING_DATASOURCE_URL";
        }
        if (state.startsWith("08")) {
            return "cannot connect to the database at " + url + ": check that the server is running and reachable"
                    + " from this machine, and that SPRING_DATASOURCE_URL names the right host and port";
        }
        return "the database at " + url + " cannot be used (SQL state " + state + "): see the log file for the cause";
    }

    private static SQLException sqlCause(Throwable t) {
        SQLException found = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                found = s; // the innermost one carries the driver's own SQL state
            }
        }
        return found;
    }

    /**
     * HSQLDB's "lock file acquisition failure"
     * ({@code org.hsqldb.error.ErrorCode.LOCK_FILE_ACQUISITION_FAILURE}, 451, given
     * negated as the vendor code); the driver is not a compile-time dependency.
     */
    public static final int HSQLDB_LOCK_FILE_ACQUISITION_FAILURE = 451;

    private static boolean isHsqldbLock(SQLException sql) {
        return Math.abs(sql.getErrorCode()) == HSQLDB_LOCK_FILE_ACQUISITION_FAILURE;
    }

    /** The URL and user, without a password that a URL may carry as a parameter. */
    static String describe(DataSource dataSource) {
        HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return "(the configured datasource)";
        }
        return withoutPassword(hikari.getJdbcUrl()) + (hikari.getUsername() == null || hikari.getUsername().isBlank()
                ? "" : " (user " + hikari.getUsername() + ")");
    }

    static String withoutPassword(String url) {
        return UrlMask.mask(url);
    }

}
