package dk.udlaendinge.batch.common;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Files are created safely: a symbolic link another local user planted in an output
 * folder, named like a temporary file or like the final file, is never written through;
 * folders that already existed with loose permissions are made owner-only; and a direct
 * {@code java -jar} under umask 022 still leaves the database and log files owner-only.
 */
@SlowTest
class FileSafetyTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    @Test
    void symlinksPlantedInOutputFoldersAreNeverWrittenThrough() throws IOException {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        Path outside = Files.createDirectories(tmp.resolve("attacker"));
        // seed 1803's first ten deposits: eight due, four on paper and four by Digital
        // Post, so the journal, the manifest and the print batch are all written (400
        // deposits rendered about 200 letters for the same files)
        List<Deposit> deposits = OpsFixtures.createRegistry(data, 10, 1803);
        assertThat(OpsFixtures.exemptAmong(deposits, OpsFixtures.dueDepositIds(deposits, RUN_DATE)))
            .as("some notices go to paper, so the manifest is written")
            .isNotEmpty();

        // folders made earlier by someone else, open to everybody, with links in them
        RenewalOutputs outputs = new RenewalOutputs(out);
        List<Path> finals = List.of(outputs.journal(RUN_DATE), outputs.manifest(RUN_DATE),
                outputs.printBatch(RUN_DATE));
        List<Path> planted = new ArrayList<>();
        for (Path target : finals) {
            Path folder = Files.createDirectories(target.getParent());
            for (Path p = folder; !p.equals(tmp); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            for (String name : List.of(target.getFileName().toString(), "." + target.getFileName() + ".tmp")) {
                Path victim = Files.writeString(outside.resolve(target.getParent().getFileName() + "-" + name),
                        "not yours\n");
                planted.add(Files.createSymbolicLink(folder.resolve(name), victim));
            }
        }
        Map<Path, String> before = snapshot(outside);

        OpsFixtures.Result run = OpsFixtures.cli(OpsFixtures.props(data, out, null), "renewal", "--run-date",
                RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isZero();

        assertThat(snapshot(outside)).as("nothing outside the output folder was written or changed").isEqualTo(before);
        for (Path target : finals) {
            assertThat(Files.isSymbolicLink(target)).as(target + " is our own file now").isFalse();
            assertThat(Files.size(target)).as(target.toString()).isPositive();
        }
        assertThat(OpsFixtures.firstColumnIds(outputs.journal(RUN_DATE))).isNotEmpty();
        try (Stream<Path> all = Files.walk(out)) {
            List<String> open = all.filter(p -> !planted.contains(p)).filter(p -> {
                String perms = permissions(p);
                return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? !perms.equals("rwx------")
                        : !perms.equals("rw-------");
            }).map(p -> out.relativize(p) + " " + permissions(p)).toList();
            assertThat(open).as("folders and files under out/ that others can open").isEmpty();
        }
    }

    @Test
    void aDirectJavaLaunchUnderUmask022LeavesDatabaseAndLogsOwnerOnly() throws IOException {
        Path data = tmp.resolve("data");
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        // the child JVMs' flags (C1 only) halve the CPU of a start-up that C2 compiled
        List<String> java = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(List.of(OpsFixtures.CHILD_JVM.split(" ")));
        java.addAll(
                List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        props.forEach((k, v) -> java.add("-D" + k + "=" + v));
        java.addAll(List.of("dk.udlaendinge.batch.ops.Cli", "status"));
        StringBuilder command = new StringBuilder("umask 022; exec");
        java.forEach(a -> command.append(" '").append(a.replace("'", "'\\''")).append('\''));
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Process p = new ProcessBuilder("sh", "-c", command.toString()).redirectOutput(logs.resolve("out").toFile())
            .redirectError(logs.resolve("err").toFile())
            .start();
        OpsFixtures.Child child = new OpsFixtures.Child(p, logs.resolve("out"), logs.resolve("err"));
        // a ceiling, not a wait: on a machine at load 40 (four builds side by side) two
        // minutes were too few for this start
        OpsFixtures.Result result = child.await(Duration.ofMinutes(10));
        assertThat(result.code()).as(result.toString()).isZero();

        Map<String, String> open = new TreeMap<>();
        try (Stream<Path> all = Files.walk(data)) {
            all.forEach(f -> {
                String perms = permissions(f);
                if (!perms.equals(Files.isDirectory(f) ? "rwx------" : "rw-------")) {
                    open.put(data.relativize(f).toString(), perms);
                }
            });
        }
        assertThat(data.resolve("db").resolve("registry.script")).exists();
        assertThat(data.resolve("logs").resolve("udlaendinge-batch.log")).exists();
        assertThat(open).as("database, log and run files others can read after a launch under umask 022").isEmpty();
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} with its content and modification time. */
    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                FileTime modified = Files.getLastModifiedTime(f);
                // bytes, not text: a run that wrote through a link may have put a PDF
                // there
                files.put(f, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)) + "@" + modified);
            }
        }
        return files;
    }

}
