package dk.udlaendinge.batch.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database one test works on, given to the application explicitly: a test never takes
 * its datasource from the environment of whoever runs the build (a SPRING_DATASOURCE_URL
 * left in a shell would otherwise redirect it). HSQLDB files under the test's data
 * folder, or a fresh database of its own on the PostgreSQL server the whole test JVM
 * shares.
 */
public record TestDatabase(Kind kind, String url, String username, String password) {

    /** The databases the functional suites run on. */
    public enum Kind {

        HSQLDB, POSTGRESQL;

        public TestDatabase create(Path dataDir) {
            return this == HSQLDB ? hsqldb(dataDir) : postgres();
        }

    }

    /** The options the application's own URL has (src/main/resources/application.yml). */
    public static final String HSQLDB_OPTIONS = ";shutdown=true;hsqldb.write_delay=false;hsqldb.tx=mvcc;"
            + "hsqldb.default_table_type=cached;hsqldb.result_max_memory_rows=20000;hsqldb.lock_file=true";

    /**
     * For @SpringBootTest(properties): the HSQLDB files under the test's app.data-dir,
     * said explicitly.
     */
    public static final String HSQLDB_URL_PROPERTY = "spring.datasource.url=jdbc:hsqldb:file:${app.data-dir}/db/registry"
            + HSQLDB_OPTIONS;

    public static final String HSQLDB_USERNAME_PROPERTY = "spring.datasource.username=SA";

    public static final String HSQLDB_PASSWORD_PROPERTY = "spring.datasource.password=";

    public static TestDatabase hsqldb(Path dataDir) {
        return new TestDatabase(Kind.HSQLDB, "jdbc:hsqldb:file:" + dataDir + "/db/registry" + HSQLDB_OPTIONS, "SA", "");
    }

    /** A new, empty database on the shared embedded PostgreSQL server. */
    public static TestDatabase postgres() {
        return SharedPostgres.createDatabase();
    }

    /**
     * A PostgreSQL database where the server checks the password (user operator, password
     * "right").
     */
    public static TestDatabase postgresWithPassword() {
        return SharedPostgres.passwordCheckedDatabase();
    }

    /** The same database and user with another password. */
    public TestDatabase withPassword(String other) {
        return new TestDatabase(kind, url, username, other);
    }

    /** The spring.datasource.* properties that point the application at this database. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", url);
        p.put("spring.datasource.username", username);
        p.put("spring.datasource.password", password);
        return p;
    }

    /**
     * The same properties for a @DynamicPropertySource (they win over every other
     * source).
     */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /**
     * Creates the schema as the application does (Flyway with the vendor's Batch tables).
     */
    public void migrate() {
        String vendor = kind == Kind.HSQLDB ? "hsqldb" : "postgresql";
        Flyway.configure()
            .dataSource(url, username, password)
            .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
            .load()
            .migrate();
    }

    /**
     * Opens a connection, runs {@code work}, and closes it (an HSQLDB file database
     * closes with it).
     */
    public <T> T with(Function<JdbcTemplate, T> work) {
        try (Connection c = connect()) {
            return work.apply(new JdbcTemplate(new SingleConnectionDataSource(c, true)));
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot open the test database " + url, e);
        }
    }

    /**
     * HSQLDB's lock file of a process a test has just killed stays valid until its
     * heartbeat is ten seconds old (HSQLDB's own rule; its error code in
     * {@code DatabaseCheck}): wait for that event, up to a minute, rather than fail when
     * a busy machine brings the test here within those ten seconds.
     */
    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url, username, password);
            }
            catch (SQLException e) {
                boolean lockedByAGoneProcess = kind == Kind.HSQLDB && Math.abs(e
                    .getErrorCode()) == dk.udlaendinge.batch.common.DatabaseCheck.HSQLDB_LOCK_FILE_ACQUISITION_FAILURE;
                if (!lockedByAGoneProcess || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
