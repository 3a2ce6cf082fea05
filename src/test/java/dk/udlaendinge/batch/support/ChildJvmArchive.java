package dk.udlaendinge.batch.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dk.udlaendinge.batch.Application;
import dk.udlaendinge.batch.ops.Cli;

/**
 * A dynamic class-data-sharing archive (AppCDS) for the application's child JVMs: a child
 * spends most of its CPU time loading and verifying Spring's 10,000 classes, and mapping
 * them from an archive instead cuts about a quarter of it (docs/PERFORMANCE.md).
 *
 * <p>
 * Once per content of {@code target/classes}, shared by both surefire forks through a
 * file lock (while one fork trains, the other starts its children without the archive
 * instead of waiting): the main classes are put in a jar (JDK 17 refuses to dump an
 * archive whose class path holds a non-empty directory), one training child runs
 * {@code demo} on scratch folders (import, the renewal job with letters and outbox, the
 * quota workbooks) with {@code -XX:ArchiveClassesAtExit}, and children then start with
 * the archive and the class path {@code jar:dependencies:test-classes} (test classes
 * last: the JVM accepts entries appended after the archive's class path). The archive is
 * named by a hash of the class files' content, the dependency jars and the JDK, so an
 * edited class gets a new archive and never a stale one.
 *
 * <p>
 * When anything fails (not Linux, another JDK, the dump refused, the archive not
 * mappable) the children run exactly as without it, and one line on the test JVM's stderr
 * says why. {@code -Dops.child.cds=false} switches it off, to compare.
 */
public final class ChildJvmArchive {

    /** What a child adds to its flags, and the class path it starts with. */
    public record Launch(List<String> flags, String classPath) {
    }

    /**
     * A child never prints a CDS warning (an archive it cannot map is only slower): tests
     * read the children's console. {@code -Xshare:auto} is the default, written out so a
     * flag given through {@code ops.child.jvm} cannot make a mismatch fatal.
     */
    public static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds*=off");

    private static final String TRAINING_DEPOSITS = "200";

    /**
     * Changes when the training does, so that an archive of an earlier training is not
     * reused.
     */
    private static final String TRAINING = "demo, " + TRAINING_DEPOSITS + " deposits, exit 0 required";

    /**
     * How long one failed training stands for the other fork (one build), before it is
     * tried again.
     */
    private static final long FAILURE_STANDS_MINUTES = 15;

    private static final long TRAINING_TIMEOUT_SECONDS = 300;

    private static Launch prepared;

    private static boolean toldBusy;

    private ChildJvmArchive() {
    }

    /**
     * The archive's flags and class path for a child started with {@code childFlags} on
     * {@code testClassPath}.
     */
    public static synchronized Launch launch(String testClassPath, List<String> childFlags) {
        if (prepared == null) {
            Launch ready = prepare(testClassPath, childFlags);
            if (ready == null) {
                // the other fork is training: this child starts without the archive
                // rather than
                // leave a core idle for the ~20 s of the training; the next child asks
                // again
                if (!toldBusy) {
                    System.err.println("Child JVMs start without the class-data-sharing archive while the other"
                            + " fork trains it");
                    toldBusy = true;
                }
                return new Launch(List.of(), testClassPath);
            }
            prepared = ready;
        }
        return prepared;
    }

    /** Null while the other fork holds the lock (it is training the archive). */
    private static Launch prepare(String testClassPath, List<String> childFlags) {
        Launch without = new Launch(List.of(), testClassPath);
        if (!Boolean.parseBoolean(System.getProperty("ops.child.cds", "true"))) {
            return without("switched off by -Dops.child.cds=false", without);
        }
        if (!System.getProperty("os.name", "").startsWith("Linux") || Runtime.version().feature() < 17) {
            return without("tried on Linux with JDK 17 only, this is " + System.getProperty("os.name") + " with JDK "
                    + Runtime.version(), without);
        }
        long started = System.nanoTime();
        try {
            Path classes = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(classes)) {
                return without("the main classes are not a directory: " + classes, without);
            }
            List<String> jars = new ArrayList<>();
            List<String> directories = new ArrayList<>();
            for (String entry : testClassPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    if (!Files.isSameFile(p, classes)) {
                        directories.add(entry);
                    }
                }
                else if (!entry.isBlank()) {
                    jars.add(entry);
                }
            }
            Path folder = classes.resolveSibling("cds");
            Files.createDirectories(folder);
            try (FileChannel lockFile = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
                if (lock == null) {
                    return null;
                }
                String key = key(classes, jars, childFlags);
                Path jar = folder.resolve("app-" + key + ".jar");
                Path archive = folder.resolve("app-" + key + ".jsa");
                List<String> archivePath = new ArrayList<>(List.of(jar.toString()));
                archivePath.addAll(jars);
                List<String> childPath = new ArrayList<>(archivePath);
                childPath.addAll(directories);
                String dumpClassPath = String.join(File.pathSeparator, archivePath);
                String classPath = String.join(File.pathSeparator, childPath);
                Path failed = folder.resolve("app-" + key + ".failed");
                if (Files.exists(failed) && Files.getLastModifiedTime(failed).toMillis() > System.currentTimeMillis()
                        - TimeUnit.MINUTES.toMillis(FAILURE_STANDS_MINUTES)) {
                    // the other fork's training failed on these classes: not once more
                    return without(Files.readString(failed, StandardCharsets.UTF_8), without);
                }
                boolean reused = Files.exists(jar) && Files.exists(archive) && maps(archive, classPath);
                if (!reused) {
                    clean(folder);
                    writeJar(classes, jar);
                    String failure = train(folder, archive, dumpClassPath, childFlags);
                    if (failure == null && !maps(archive, classPath)) {
                        failure = "the JVM does not map the archive it dumped: " + archive;
                    }
                    if (failure != null) {
                        Files.writeString(failed, failure, StandardCharsets.UTF_8);
                        return without(failure, without);
                    }
                }
                List<String> flags = new ArrayList<>(QUIET);
                flags.add("-XX:SharedArchiveFile=" + archive);
                System.err.printf("Child JVMs use the class-data-sharing archive %s (%s in %d s)%n", archive,
                        reused ? "found" : "trained", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                return new Launch(List.copyOf(flags), classPath);
            }
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return without(e.toString(), without);
        }
    }

    private static Launch without(String why, Launch without) {
        System.err.println("Child JVMs run without a class-data-sharing archive: " + why);
        return without;
    }

    /**
     * The class files' names and content, the dependency jars' paths, sizes and times,
     * the JDK and the training.
     */
    private static String key(Path classes, List<String> jars, List<String> childFlags)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n" + TRAINING
                + "\n" + childFlags + "\n")
            .getBytes(StandardCharsets.UTF_8));
        for (String jar : jars) {
            Path p = Path.of(jar);
            String stamp = Files.exists(p) ? Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() : "absent";
            digest.update((jar + " " + stamp + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : files(classes)) {
            digest.update((classes.relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /**
     * Earlier archives and jars: a child still running on one keeps its mapping after the
     * unlink.
     */
    private static void clean(Path folder) throws IOException {
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
                Files.delete(p);
            }
        }
        deleteTree(folder.resolve("training"));
    }

    /**
     * The main classes and resources as a jar, with the directory entries class-path
     * scanning needs.
     */
    private static void writeJar(Path classes, Path jar) throws IOException {
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial);
                ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(p -> !p.equals(classes)).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(p)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                }
                else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(p, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Runs {@code demo} on scratch folders and dumps the classes it loaded; null when the
     * archive is there.
     */
    private static String train(Path folder, Path archive, String classPath, List<String> childFlags)
            throws IOException, InterruptedException {
        Path scratch = folder.resolve("training");
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(childFlags);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-cp", classPath,
                "-Dapp.data-dir=" + scratch.resolve("data"), "-Dapp.output-dir=" + scratch.resolve("out"),
                "-Dspring.mail.host=", "-Dapp.demo.deposits=" + TRAINING_DEPOSITS, Cli.class.getName(), "demo"));
        Files.createDirectories(scratch.resolve("data"));
        Files.createDirectories(scratch.resolve("out"));
        Path log = folder.resolve("training.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        // the -D properties decide where it writes, never the environment of whoever runs
        // the build
        builder.environment()
            .keySet()
            .removeIf(k -> k.startsWith("APP_") || k.startsWith("SPRING_") || k.startsWith("MAIL_"));
        Process training = builder.start();
        try {
            if (!training.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor();
                return "the training run did not end within " + TRAINING_TIMEOUT_SECONDS + " s; see " + log;
            }
        }
        finally {
            deleteTree(scratch);
        }
        // a demo that failed early would leave an archive of a few classes: no use
        if (training.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
            Files.deleteIfExists(partial);
            return "the training run ended with exit " + training.exitValue() + "; see " + log;
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    /**
     * Whether a JVM maps the archive with this class path; {@code -Xshare:on} makes a
     * mismatch fail.
     */
    private static boolean maps(Path archive, String classPath) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath,
                "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly().waitFor();
            return false;
        }
        return check.exitValue() == 0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
