package dk.udlaendinge.batch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise the operations tests rely on: a child JVM given an archive it cannot use
 * (here a jar changed after the dump, as after a rebuild) runs without it and prints
 * nothing of it, because tests assert on the children's console. A one-class program
 * keeps it to three short JVMs.
 */
@EnabledOnOs(OS.LINUX)
@SlowTest
class ChildJvmArchiveTest {

    /** The child's program: one line on stdout. */
    public static final class Hello {

        public static void main(String[] args) {
            System.out.println("hello");
        }

    }

    @TempDir
    Path tmp;

    @Test
    void aChildGivenAStaleArchiveRunsWithoutItAndPrintsNothingOfIt() throws Exception {
        Path jar = tmp.resolve("hello.jar");
        writeJar(jar);
        Path archive = tmp.resolve("hello.jsa");
        assertThat(java(List.of("-XX:ArchiveClassesAtExit=" + archive), jar)).contains("hello");
        assertThat(archive).isNotEmptyFile();

        // the class path's jar is no longer the one dumped: the JVM refuses the archive
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        List<String> archiveFlag = List.of("-XX:SharedArchiveFile=" + archive);
        assertThat(java(archiveFlag, jar)).as("without the quiet flags the JVM warns").contains("[cds");

        List<String> quiet = new ArrayList<>(ChildJvmArchive.QUIET);
        quiet.addAll(archiveFlag);
        assertThat(java(quiet, jar)).isEqualTo("hello\n");
    }

    private static void writeJar(Path jar) throws IOException {
        String name = Hello.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            try (var in = Hello.class.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
    }

    /** Runs Hello from {@code jar}; stdout and stderr together. */
    private String java(List<String> flags, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-Xshare:auto", "-cp", jar.toString(), Hello.class.getName()));
        Path output = tmp.resolve("output");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM ends").isTrue();
        return Files.readString(output, StandardCharsets.UTF_8);
    }

}
