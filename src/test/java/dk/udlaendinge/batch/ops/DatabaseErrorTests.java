package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * A database that cannot be used is an operator's error: one line on the console naming
 * the database URL (never the password) and what to do, exit 2; the stack trace goes to
 * the log file only. Real servers: HSQLDB files, the embedded PostgreSQL server with
 * password checks, and a port where no server listens.
 */
@SlowTest
class DatabaseErrorTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private int runs;

    /**
     * As run.sh runs it: a separate JVM, so the console and the log file are the
     * process's own.
     */
    private OpsFixtures.Result run(Map<String, String> props, String... args) {
        return OpsFixtures.start(props, tmp.resolve("logs"), "run-" + (++runs), args)
            .await(java.time.Duration.ofMinutes(2));
    }

    private void assertOneLineError(OpsFixtures.Result r, String url, String... says) throws Exception {
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(url).contains(says);
        // stdout carries only the start-up's INFO log lines, if any: no trace anywhere on
        // the console
        assertThat(r.all()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        Path log = tmp.resolve("data/logs/udlaendinge-batch.log");
        assertThat(Files.readString(log)).as("the trace is in the log file")
            .contains("The database cannot be used")
            .contains("\tat ");
    }

    @Test
    void wrongHsqldbPasswordFromAppDbPasswordIsOneLineExit2() throws Exception {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 5, 1);
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        // the password as an operator gives it: APP_DB_PASSWORD, which application.yml
        // reads
        props.remove("spring.datasource.password");
        props.put("APP_DB_PASSWORD", "not-the-password");
        OpsFixtures.Result r = run(props, "status");
        assertOneLineError(r, "jdbc:hsqldb:file:" + data, "refused the user name or password", "APP_DB_PASSWORD");
        assertThat(r.err()).doesNotContain("not-the-password");
    }

    @Test
    void postgresqlRefusingThePasswordIsOneLineExit2WithoutThePassword() throws Exception {
        TestDatabase db = TestDatabase.postgresWithPassword();
        Map<String, String> right = OpsFixtures.props(db, tmp.resolve("data"), tmp.resolve("out"), null);
        // in this JVM: that the password is right needs no console or log file of its own
        OpsFixtures.Result ok = OpsFixtures.cli(right, "status");
        assertThat(ok.code()).as("the right password works: " + ok).isZero();

        TestDatabase wrong = db.withPassword("s3cret-but-wrong");
        OpsFixtures.Result r = run(OpsFixtures.props(wrong, tmp.resolve("data"), tmp.resolve("out"), null), "status");
        assertOneLineError(r, db.url(), "refused the user name or password", "SPRING_DATASOURCE_PASSWORD");
        assertThat(r.err()).doesNotContain("s3cret-but-wrong");
    }

    @Test
    void postgresqlServerDownIsOneLineExit2NamingTheUrlWithoutThePassword() throws Exception {
        int port = OpsFixtures.freePort(); // nothing listens there
        String url = "jdbc:postgresql://localhost:" + port + "/registry";
        TestDatabase down = new TestDatabase(TestDatabase.Kind.POSTGRESQL, url + "?password=pw-in-url", "batch",
                "pw-in-env");
        OpsFixtures.Result r = run(OpsFixtures.props(down, tmp.resolve("data"), tmp.resolve("out"), null), "status");
        assertOneLineError(r, url, "cannot connect to the database", "server is running");
        assertThat(r.err()).doesNotContain("pw-in-url").doesNotContain("pw-in-env");
    }

    /**
     * Issue 20, item 9: a password in the URL's user-info is masked on the console and in
     * the log file.
     */
    @Test
    void aPasswordInTheUrlsUserInfoIsNeitherPrintedNorLogged() throws Exception {
        int port = OpsFixtures.freePort(); // nothing listens there
        TestDatabase down = new TestDatabase(TestDatabase.Kind.POSTGRESQL,
                "jdbc:postgresql://batch:pw-in-user-info@localhost:" + port + "/registry", "batch", "pw-in-env");
        OpsFixtures.Result r = run(OpsFixtures.props(down, tmp.resolve("data"), tmp.resolve("out"), null), "status");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("error: ").contains("batch:***@localhost:" + port);
        assertThat(r.all()).as(r.toString()).doesNotContain("pw-in-user-info").doesNotContain("pw-in-env");
        Path log = tmp.resolve("data/logs/udlaendinge-batch.log");
        assertThat(Files.readString(log)).as("the log file")
            .contains("***")
            .doesNotContain("pw-in-user-info")
            .doesNotContain("pw-in-env");
    }

}
