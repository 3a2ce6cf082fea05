package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.DatabaseHolder;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Bad input to the commands, through {@link Cli#run} as run.sh calls it: one clear
 * message on stderr naming the thing and what to do, a non-zero exit code, and nothing
 * written — no job execution, no deposit, no notice.
 */
@SlowTest
class BadInputTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private Path data;

    private Map<String, String> props;

    @BeforeEach
    void folders() {
        data = tmp.resolve("data");
        props = OpsFixtures.props(data, tmp.resolve("out"), null);
    }

    private OpsFixtures.Result run(String... args) {
        return OpsFixtures.cli(props, args);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private void assertBadInput(OpsFixtures.Result r, String... messageParts) {
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).startsWith("error").contains(messageParts);
        assertThat(r.err().lines().filter(l -> l.startsWith("error")).count()).as("one message").isEqualTo(1);
        assertNothingWritten();
    }

    private void assertNothingWritten() {
        if (!Files.exists(data.resolve("db"))) {
            return;
        }
        OpsFixtures.withDb(data, jdbc -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Long.class)).isZero();
            return null;
        });
    }

    /**
     * The quota inputs are checked before the job starts
     * (quota.QuotaWorkbookJobFunctionalTests has every case).
     */
    @Test
    void quotaStatisticsWithAWrongHeaderAreRefusedBeforeTheJob() throws IOException {
        Path statistics = file("header.csv",
                "kode;folketal;i;f\n101;1;0;0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OpsFixtures.Result r = run("quota", "--year", "2018", "--national-figure", "4000", "--statistics",
                statistics.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).as(r.toString())
            .startsWith("quota: bad input: ")
            .contains("header.csv line 1", "wrong header");
        assertThat(r.err().lines().count()).as("one line").isEqualTo(1);
        assertNothingWritten();
    }

    /**
     * Issue 20 item 8: a huge agreed quota is refused at read with its file, line and
     * column, exit 2, not computed.
     */
    @Test
    void quotaAgreementBeyondAnyRealFigureIsRefusedWithItsLineAndColumn() throws IOException {
        byte[] demo;
        try (java.io.InputStream in = BadInputTests.class
            .getResourceAsStream(dk.udlaendinge.batch.quota.QuotaRequests.DEMO_STATISTICS)) {
            demo = in.readAllBytes();
        }
        Path statistics = file("statistics.csv", demo);
        Path agreements = file("agreements.csv", "level;code;quota\nMUNICIPALITY;101;999999999999999999\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OpsFixtures.Result r = run("quota", "--year", "2015", "--national-figure", "4000", "--statistics",
                statistics.toString(), "--agreements", agreements.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).as(r.toString())
            .startsWith("quota: bad input: ")
            .contains(
                    "agreements.csv line 2 (municipality 101 København), column 3: quota 999999999999999999 is outside");
        assertThat(r.err().lines().count()).as("one line").isEqualTo(1);
        assertNothingWritten();
    }

    @Test
    void missingRegistryFile() {
        Path missing = tmp.resolve("no-such-registry.csv");
        assertBadInput(run("import", "--registry", missing.toString()),
                "registry file " + missing + " does not exist; check the path");
    }

    @Test
    void wrongHeader() throws IOException {
        Path csv = file("registry.csv",
                "deposit_id;case_no;reference_cpr\nD1;FAM/1;010190-1234\n".getBytes(StandardCharsets.UTF_8));
        assertBadInput(run("import", "--registry", csv.toString()), "registry file " + csv, "line 1 must be the header",
                "column 2 should be 'case_number'");
        assertThat(run("status").err()).doesNotContain("010190-1234");
    }

    @Test
    void wrongEncoding() throws IOException {
        String header = String.join(";", RegistryColumns.NAMES) + "\n";
        byte[] latin1 = (header + "D1;FAM/1;010190-1234;Søren Østergaard\n").getBytes(StandardCharsets.ISO_8859_1);
        Path csv = file("registry-latin1.csv", latin1);
        assertBadInput(run("import", "--registry", csv.toString()), "registry file " + csv,
                "is not valid UTF-8 (line 2); save it as UTF-8 and try again");
    }

    @Test
    void emptyFile() throws IOException {
        Path csv = file("registry-empty.csv", new byte[0]);
        assertBadInput(run("import", "--registry", csv.toString()), "registry file " + csv,
                "is empty; it must start with the header deposit_id;");
    }

    @Test
    void emptyDocumentsFileNextToAGoodRegistryImportsNothing() throws IOException {
        Path registry = file("registry.csv",
                (String.join(";", RegistryColumns.NAMES) + "\n").getBytes(StandardCharsets.UTF_8));
        Path documents = file("documents.csv", new byte[0]);
        assertBadInput(run("import", "--registry", registry.toString(), "--documents", documents.toString()),
                "documents file " + documents + " is empty");
    }

    @Test
    void runDateThatIsNotADate() {
        assertBadInput(run("renewal", "--run-date", "2020-13-01"),
                "--run-date must be a date yyyy-MM-dd, was '2020-13-01'");
    }

    @Test
    void outputFolderThatCannotBeWritten() throws IOException {
        Path notAFolder = file("out-is-a-file", new byte[] { 1 });
        props.put("app.output-dir", notAFolder.toString());
        assertBadInput(run("renewal", "--run-date", "2020-06-01"), "output folder " + notAFolder,
                "cannot be written; check app.output-dir (APP_OUTPUT_DIR)");
    }

    @Test
    void unknownCommandAndOptionsFailBeforeAnythingStarts() {
        assertBadInput(run("renew"), "unknown command 'renew'; ./run.sh help lists the commands");
        assertBadInput(run("renewal", "--rundate", "2020-06-01"), "'renewal' does not take --rundate");
        assertBadInput(run("restart", "abc"), "an execution id is a number, not 'abc'");
        assertBadInput(run("stop"), "'stop' needs the EXECUTION_ID");
        assertBadInput(run("renewal", "--run-date", "1.6.2020"), "--run-date must be a date yyyy-MM-dd");
        assertBadInput(run("status", "--limit", "ten"), "--limit must be a whole number, was 'ten'");
        assertThat(Files.exists(data.resolve("db"))).as("the database was not even opened").isFalse();
    }

    @Test
    void databaseHeldByAnotherProcessIsRefused() throws Exception {
        OpsFixtures.createRegistry(data, 20, 1);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path holderOut = tmp.resolve("holder.out");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                        DatabaseHolder.class.getName(), data.toString()));
        Process holder = new ProcessBuilder(command).redirectOutput(holderOut.toFile())
            .redirectError(tmp.resolve("holder.err").toFile())
            .start();
        try {
            OpsFixtures.awaitTrue("the other process holding the database", Duration.ofMinutes(3),
                    () -> OpsFixtures.read(holderOut).contains("holding"));
            OpsFixtures.Result r = run("renewal", "--run-date", "2020-06-01");
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(r.err())
                .contains("refused: the database in " + data.toAbsolutePath().normalize()
                        + " is in use by another udlaendinge-batch process")
                .contains("Wait for it to finish, then try again");
        }
        finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        OpsFixtures.withDb(data, jdbc -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Long.class)).isZero();
            return null;
        });
    }

}
