package dk.udlaendinge.batch.support;

import dk.udlaendinge.batch.common.batch.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.ops.Cli;

/**
 * What the operations tests share: a real registry in real HSQLDB files, the application
 * run in-process through {@link Cli#run} or as a separate JVM, and polling helpers. Test
 * output never shows personal data: helpers report deposit ids and notice ids only.
 */
public final class OpsFixtures {

    /**
     * A run date late enough that every renewable demo deposit (posted 2011-2014) is due.
     */
    public static final LocalDate RUN_DATE = LocalDate.of(2020, 6, 1);

    public static final String SEND_WORKER = "sendNoticesPartition";

    /**
     * The child JVMs' flags ({@code -Dops.child.jvm=...} replaces them, to compare). C1
     * only: a child mostly starts Spring and runs a small job, and the C2 compiler's work
     * during start-up about doubled its CPU time ({@code status}: about 11 s against 6
     * s), which on two cores slowed every test beside it. Measured back to back on the
     * loaded machine, CrashRecovery, WorkerError and DatabaseError tests took 245 s
     * before and 166 s after, even the kill-mid-send test that renders 1,000 letters in
     * its child. {@link ChildJvmArchive} adds a class-data-sharing archive.
     */
    public static final String CHILD_JVM = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static {
        // GreenMail at DEBUG writes one byte at a time (STACK trap 9); before any Spring
        // context configures logging, logback's default is DEBUG.
        Object icegreen = LoggerFactory.getLogger("com.icegreen");
        if (icegreen instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private OpsFixtures() {
    }

    public static void init() {
        // touching the class runs the static initialiser
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the registry database
    // ------------------------------------------------------------

    /**
     * The same URL the application builds from app.data-dir
     * (src/main/resources/application.yml).
     */
    public static String url(Path dataDir) {
        return TestDatabase.hsqldb(dataDir).url();
    }

    /**
     * Creates the schema in the HSQLDB files under {@code dataDir} and inserts generated
     * deposits.
     */
    public static List<Deposit> createRegistry(Path dataDir, int count, long seed) {
        return createRegistry(TestDatabase.hsqldb(dataDir), count, seed);
    }

    /**
     * Creates the schema as the application does (Flyway) and inserts generated deposits.
     */
    public static List<Deposit> createRegistry(TestDatabase db, int count, long seed) {
        db.migrate();
        List<Deposit> deposits = DemoRegistry.generate(count, seed);
        db.with(jdbc -> {
            DemoRegistry.insert(jdbc, deposits);
            return null;
        });
        return deposits;
    }

    /**
     * Opens the database files in this JVM, runs {@code work}, and closes them again
     * (shutdown=true).
     */
    public static <T> T withDb(Path dataDir, Function<JdbcTemplate, T> work) {
        return TestDatabase.hsqldb(dataDir).with(work);
    }

    public static Set<String> dueDepositIds(List<Deposit> deposits, LocalDate runDate) {
        RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, 90);
        return deposits.stream()
            .filter(d -> rule.isDue(d.postedDate(), d.permitGrantedDate(), d.permanentResidenceDate(), false, runDate))
            .map(Deposit::depositId)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Of the due deposits, those exempt from Digital Post: their notices go to paper. */
    public static Set<String> exemptAmong(List<Deposit> deposits, Set<String> due) {
        return deposits.stream()
            .filter(d -> d.digitalPostExempt() && due.contains(d.depositId()))
            .map(Deposit::depositId)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- running the application
    // ----------------------------------------------------------

    /**
     * System properties for a run on these folders; {@code smtpPort} null means the
     * outbox gateway.
     */
    public static Map<String, String> props(Path dataDir, Path outDir, Integer smtpPort) {
        return props(TestDatabase.hsqldb(dataDir), dataDir, outDir, smtpPort);
    }

    /**
     * The same on the given database: named explicitly, never taken from the environment.
     */
    public static Map<String, String> props(TestDatabase db, Path dataDir, Path outDir, Integer smtpPort) {
        Map<String, String> p = new LinkedHashMap<>(db.properties());
        p.put("app.data-dir", dataDir.toString());
        p.put("app.output-dir", outDir.toString());
        p.put("spring.mail.host", smtpPort == null ? "" : "localhost");
        p.put("spring.mail.port", smtpPort == null ? "25" : smtpPort.toString());
        p.put("app.mail.retry.max-attempts", "2");
        p.put("app.mail.retry.initial-backoff", "50ms");
        return p;
    }

    /**
     * A node of the renewal job with remote partitions (manager or worker) on the broker
     * at {@code brokerPort}: six partitions of {@code chunkSize}, and a partition timeout
     * long enough that a loaded machine cannot make a live worker look dead.
     */
    public static Map<String, String> remoteProps(TestDatabase db, Path dataDir, Path outDir, int smtpPort,
            int brokerPort, int chunkSize) {
        Map<String, String> p = props(db, dataDir, outDir, smtpPort);
        p.put("app.renewal.partitioning", "remote");
        p.put("spring.artemis.broker-url", "tcp://localhost:" + brokerPort);
        p.put("app.renewal.partitions", "6");
        p.put("app.renewal.chunk-size", Integer.toString(chunkSize));
        p.put("app.renewal.partition-timeout", "15s");
        return p;
    }

    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /**
     * {@code ./run.sh args} in this JVM: system properties set for the call, stdout and
     * stderr captured.
     */
    public static Result cli(Map<String, String> props, String... args) {
        return inThisJvm(props, Cli::run, args);
    }

    /**
     * {@code ./run.sh bench args} in this JVM, as {@link #cli}: the benchmark's own
     * launcher.
     */
    public static Result bench(Map<String, String> props, String... args) {
        return inThisJvm(props, dk.udlaendinge.batch.bench.BenchLauncher::run, args);
    }

    private static synchronized Result inThisJvm(Map<String, String> props,
            java.util.function.ToIntFunction<String[]> main, String... args) {
        Map<String, String> previous = new HashMap<>();
        props.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            code = main.applyAsInt(args);
        }
        finally {
            System.setOut(out);
            System.setErr(err);
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                }
                else {
                    System.setProperty(k, v);
                }
            });
        }
        return new Result(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * A separate JVM running the application, with its output in files under
     * {@code logs}.
     */
    public record Child(Process process, Path stdout, Path stderr) {

        public long pid() {
            return process.pid();
        }

        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("the application process did not end within " + timeout + "\n" + output());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return output();
        }

        public Result output() {
            return new Result(process.isAlive() ? -1 : process.exitValue(), read(stdout), read(stderr));
        }

        public void kill() {
            try {
                process.destroyForcibly().waitFor();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Child start(Map<String, String> props, Path logs, String name, String... args) {
        return startMain(props, logs, name, "dk.udlaendinge.batch.ops.Cli", args);
    }

    /**
     * {@link #start} with {@code workDir} as the working directory: relative paths
     * resolve there, as from a shell.
     */
    public static Child startIn(Path workDir, Map<String, String> props, Path logs, String name, String... args) {
        return launch(workDir, List.of(), props, logs, name, "dk.udlaendinge.batch.ops.Cli", false, args);
    }

    /**
     * The application on a pseudo-terminal, as an operator at a shell runs it: script(1)
     * gives it a terminal for stdin and stdout, and writes what it showed (stderr too) to
     * the .out file.
     */
    public static Child startOnTerminal(Map<String, String> props, Path logs, String name, String... args) {
        return launch(here(), List.of(), props, logs, name, "dk.udlaendinge.batch.ops.Cli", true, args);
    }

    /**
     * A separate JVM running {@code mainClass} from the test class path, as
     * {@link #start}.
     */
    public static Child startMain(Map<String, String> props, Path logs, String name, String mainClass, String... args) {
        return launch(here(), List.of(), props, logs, name, mainClass, false, args);
    }

    /**
     * As {@link #startMain}, with the java command run by {@code wrapper} (for example
     * unshare).
     */
    public static Child startWrapped(List<String> wrapper, Map<String, String> props, Path logs, String name,
            String mainClass, String... args) {
        return launch(here(), wrapper, props, logs, name, mainClass, false, args);
    }

    private static Path here() {
        return Path.of(System.getProperty("user.dir"));
    }

    private static Child launch(Path workDir, List<String> wrapper, Map<String, String> props, Path logs, String name,
            String mainClass, boolean terminal, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> flags = List.of(System.getProperty("ops.child.jvm", CHILD_JVM).split(" "));
        ChildJvmArchive.Launch launch = ChildJvmArchive.launch(classpath, flags);
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(launch.flags());
        command.addAll(List.of("-cp", launch.classPath()));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(mainClass);
        command.addAll(List.of(args));
        List<String> started = !terminal ? command
                : List.of("script", "-qec",
                        command.stream()
                            .map(a -> "'" + a.replace("'", "'\\''") + "'")
                            .collect(java.util.stream.Collectors.joining(" ")),
                        "/dev/null");
        try {
            Files.createDirectories(logs);
            Path stdout = logs.resolve(name + ".out");
            Path stderr = logs.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(started).directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
            if (terminal) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            // the -D properties decide; nothing from the environment of whoever runs the
            // build
            Stream
                .of("APP_DATA_DIR", "APP_OUTPUT_DIR", "MAIL_HOST", "MAIL_PORT", "MAIL_USERNAME", "SPRING_MAIL_PASSWORD",
                        "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                        "APP_DB_PASSWORD", "APP_HOST")
                .forEach(builder.environment()::remove);
            return new Child(builder.start(), stdout, stderr);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls until {@code condition} holds; fails naming {@code what} after
     * {@code timeout}.
     */
    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The execution a live process has recorded in its run file, once it runs a job. */
    public static Long runningExecution(Path dataDir, long pid) {
        return new RunFiles(dataDir).others()
            .stream()
            .filter(e -> e.pid() == pid && e.executionId() != null)
            .map(RunFiles.Entry::executionId)
            .findFirst()
            .orElse(null);
    }

    /** Notice ids in the first column of a journal or manifest CSV (header skipped). */
    public static List<Long> firstColumnIds(Path csv) {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.skip(1)
                .filter(l -> !l.isBlank())
                .map(l -> Long.valueOf(l.substring(0, l.indexOf(';'))))
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
