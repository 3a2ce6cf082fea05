package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.Application;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.DatabaseUnavailableException;

/**
 * The command-line front end behind {@code run.sh}. Usage errors are caught before the
 * application starts (fast, exit 2); a database held by another process is a refusal
 * (exit 3) naming that process; SIGTERM stops a running job gracefully so it can be restarted.
 */
public final class Cli {

    static final String USAGE = """
            Usage: ./run.sh [command] [options]

              demo (default)        generate a demo registry if empty, then run the renewal job for the demo date
              import --registry FILE [--documents FILE]
                                    import a registry CSV and its case-documents CSV (SPEC §1)
              renewal [--run-date YYYY-MM-DD] [--dry-run]
                                    the nightly renewal-notice job (run date defaults to today)
              quota --year Y --national-figure L --statistics FILE [--agreements FILE]
                                    the yearly refugee quota workbooks
              status [--limit N]    the latest executions of every job, with their steps
              restart [EXECUTION_ID]
                                    continue a failed, stopped or stale execution where it stopped
              stop EXECUTION_ID     ask a running execution to stop gracefully (it can be restarted)
              daemon                keep running and launch jobs on their schedules
              worker                a worker node: runs the renewal job's partitions from the broker (app.renewal.partitioning: remote)
              bench [--deposits N] [--database hsqldb|postgresql]
                                    benchmark the renewal job on a scratch database of its own (never the configured one)
              help                  this text

            Every command also takes --verbose: the start-up and step log on the console too (always in data/logs).

            Exit codes: 0 completed, 1 failed or stopped, 2 bad usage or bad input, 3 refused (already running).
            """;

    /** Options each command takes, and how many positional arguments. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "demo", List.of(),
            "import", List.of("registry", "documents"),
            "renewal", List.of("run-date", "dry-run"),
            "quota", List.of("year", "national-figure", "statistics", "agreements"),
            "status", List.of("limit"),
            "restart", List.of(),
            "daemon", List.of(),
            "worker", List.of(),
            "bench", List.of("deposits", "run-date", "repetitions", "database"));

    private Cli() {
    }

    public static int run(String[] args) {
        ConsoleVerbosity console = ConsoleVerbosity.of(args);
        Invocation inv;
        try {
            inv = Invocation.parse(console.commandArgs());
            if (List.of("help", "--help", "-h").contains(inv.command())) {
                System.out.print(USAGE);
                return ExitCodes.COMPLETED;
            }
            if (inv.command().equals("stop")) {
                inv.allow(1);
                return Stopper.stop(inv, dataDir());
            }
            List<String> allowed = OPTIONS.get(inv.command());
            if (allowed == null) {
                throw new BadInputException("unknown command '" + inv.command() + "'; ./run.sh help lists the commands");
            }
            inv.allow(inv.command().equals("restart") ? 1 : 0, allowed.toArray(String[]::new));
            checkValues(inv);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        return runInApplication(inv, console);
    }

    /** Values that can be checked without the application (a date, a number): before it opens the database. */
    private static void checkValues(Invocation inv) {
        switch (inv.command()) {
            case "renewal" -> inv.dateOption("run-date", null);
            case "status" -> Commands.limit(inv);
            case "quota" -> {
                Commands.quotaYear(inv);
                Commands.nationalFigure(inv);
            }
            case "bench" -> {
                Commands.benchDeposits(inv);
                Commands.benchRepetitions(inv);
                inv.dateOption("run-date", null);
                String db = inv.option("database");
                if (db != null && !ScratchDatabase.KINDS.contains(db)) {
                    throw new BadInputException("--database must be one of " + ScratchDatabase.KINDS + ", not '" + db + "'");
                }
            }
            case "restart" -> {
                if (!inv.positional().isEmpty()) {
                    Commands.parseId(inv.positional().get(0));
                }
            }
            default -> {
                // no numbers or dates to check
            }
        }
    }

    private static int runInApplication(Invocation inv, ConsoleVerbosity console) {
        boolean bench = inv.command().equals("bench");
        Path scratch = null;
        if (bench) {
            try {
                scratch = java.nio.file.Files.createTempDirectory("udlaendinge-bench");
            } catch (java.io.IOException e) {
                System.err.println("error: cannot create the benchmark's scratch folder: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        } else {
            try {
                prepareDataDir(dataDir());
            } catch (java.io.UncheckedIOException e) {
                System.err.println("error: " + e.getMessage() + "; check app.data-dir (APP_DATA_DIR) and its permissions");
                return ExitCodes.BAD_USAGE;
            }
        }
        // the benchmark's run files live in its scratch folder: it must not make others wait for it
        RunFiles runFiles = new RunFiles(bench ? scratch.resolve("data") : dataDir());
        if (embeddedDatabase() && !bench && !runFiles.others().isEmpty()) {
            // the embedded database admits one process: say so now rather than after HSQLDB's lock wait
            refuse(runFiles);
            return ExitCodes.REFUSED;
        }
        ConfigurableApplicationContext context;
        ScratchDatabase scratchDb = null;
        try {
            List<String> springArgs = new java.util.ArrayList<>();
            if (bench) {
                // the benchmark never touches the configured database, job repository or folders:
                // a scratch database and scratch folders, as arguments that win over the environment
                scratchDb = ScratchDatabase.start(Optional.ofNullable(inv.option("database")).orElse("hsqldb"), scratch);
                springArgs.addAll(List.of("--app.data-dir=" + scratch.resolve("data"),
                        "--app.output-dir=" + scratch.resolve("out")));
                springArgs.addAll(scratchDb.springArgs());
                System.out.println("bench: scratch folder " + scratch + ", database: " + scratchDb.description());
            }
            context = new SpringApplicationBuilder(Application.class).registerShutdownHook(false).logStartupInfo(false)
                    .run(console.springArgs(springArgs.toArray(String[]::new)));
        } catch (Throwable t) {
            closeQuietly(scratchDb);
            deleteQuietly(scratch);
            return startupFailure(t, runFiles);
        }
        runFiles.register(inv.command());
        OwnerOnlyFiles.lockDown(dataDir()); // what HSQLDB and the log created with the umask
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILED);
        Thread hook = new Thread(() -> gracefulStop(context, finished, exitCode), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = inv.command().equals("worker") ? context.getBean(WorkerCommand.class).run()
                    : context.getBean(Commands.class).execute(inv);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            code = ExitCodes.BAD_USAGE;
        } catch (RuntimeException e) {
            System.err.println("error: " + JobRunner.rootMessage(e));
            code = ExitCodes.FAILED;
        } finally {
            context.close();
            runFiles.unregister();
            closeQuietly(scratchDb);
            deleteQuietly(scratch);
            OwnerOnlyFiles.lockDown(dataDir()); // HSQLDB rewrites its files when it shuts down
        }
        exitCode.set(code);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM arrived: the hook is waiting for us; the JVM exits when it returns
        }
        return code;
    }

    /**
     * SIGTERM: stop running jobs at their next chunk boundary, wait for them to end STOPPED,
     * then end the process with the command's own exit code. Once SIGTERM has started the
     * JVM's shutdown, System.exit from main can no longer choose the status (the JVM would
     * end with 143), so the hook halts with it: the context is closed by then.
     */
    private static void gracefulStop(ConfigurableApplicationContext context, CountDownLatch finished,
            AtomicInteger exitCode) {
        if (finished.getCount() == 0) {
            return;
        }
        try {
            RunningJobs running = context.getBean(RunningJobs.class);
            JobOperator operator = context.getBean(JobOperator.class);
            running.refuseNewStarts();
            running.live().forEach(e -> {
                System.err.println("SIGTERM: stopping execution " + e.getId() + " of "
                        + e.getJobInstance().getJobName() + " at the next chunk boundary…");
                try {
                    operator.stop(e);
                } catch (Exception ex) {
                    System.err.println("could not stop execution " + e.getId() + ": " + ex.getMessage());
                }
            });
            context.getBean(Commands.class).stopDaemon();
        } catch (Exception e) {
            // the context may already be closing; nothing more to do
        }
        try {
            if (finished.await(5, TimeUnit.MINUTES)) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(exitCode.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The database, logs and run files hold personal data, and a direct {@code java -jar} runs
     * with whatever umask the launcher has (022 makes new files world-readable). So the data
     * folder and its database, log and run folders are made owner-only before HSQLDB or the
     * log open anything in them, and the log file is created owner-only (the log appends to it
     * and keeps its permissions). A file that HSQLDB or a log rollover creates later with the
     * umask sits in an owner-only folder, and {@link OwnerOnlyFiles#lockDown} sets it
     * {@code rw-------} once the application is up and again when it has closed.
     */
    static void prepareDataDir(Path dataDir) {
        OwnerOnlyFiles.root(dataDir);
        for (String folder : List.of("db", "logs", "run")) {
            OwnerOnlyFiles.directory(dataDir.resolve(folder));
        }
        Path log = dataDir.resolve("logs").resolve("udlaendinge-batch.log");
        try {
            java.nio.file.Files.newByteChannel(log, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))).close();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // the log creates it; the owner-only folder still keeps it from others
        }
        OwnerOnlyFiles.lockDown(dataDir);
    }

    private static int startupFailure(Throwable t, RunFiles runFiles) {
        Optional<Throwable> locked = causes(t).stream().filter(c -> String.valueOf(c.getMessage()).contains("lockFile")
                || String.valueOf(c.getMessage()).contains("Database lock acquisition failure")).findFirst();
        if (locked.isPresent()) {
            refuse(runFiles);
            return ExitCodes.REFUSED;
        }
        Optional<Throwable> database = causes(t).stream().filter(c -> c instanceof DatabaseUnavailableException)
                .findFirst();
        if (database.isPresent()) {
            // the operator's fix is in the line; the driver's trace goes to the log file only
            logToFileOnly("The database cannot be used", t);
            System.err.println("error: " + database.get().getMessage());
            return ExitCodes.BAD_USAGE;
        }
        Optional<Throwable> bad = causes(t).stream().filter(c -> c instanceof IllegalArgumentException
                || c instanceof BadInputException).reduce((a, b) -> b);
        if (bad.isPresent()) {
            System.err.println("error in configuration: " + bad.get().getMessage());
            return ExitCodes.BAD_USAGE;
        }
        org.slf4j.LoggerFactory.getLogger(Cli.class).error("The application could not start", t);
        System.err.println("error: the application could not start: " + JobRunner.rootMessage(t));
        return ExitCodes.FAILED;
    }

    /**
     * Writes to the log file's appender alone: the console (Boot's CONSOLE appender) gets the
     * one-line error, not the trace. Falls back to the ordinary logger if there is no file appender.
     */
    private static void logToFileOnly(String message, Throwable t) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            var file = root.getAppender("FILE");
            if (file != null) {
                file.doAppend(new ch.qos.logback.classic.spi.LoggingEvent(Cli.class.getName(), ctx.getLogger(Cli.class),
                        ch.qos.logback.classic.Level.ERROR, message, t, null));
                return;
            }
        }
        org.slf4j.LoggerFactory.getLogger(Cli.class).error(message, t);
    }

    private static void closeQuietly(ScratchDatabase db) {
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }

    private static void refuse(RunFiles runFiles) {
        StringBuilder who = new StringBuilder();
        for (RunFiles.Entry e : runFiles.others()) {
            who.append(" Process ").append(e.pid()).append(" is running '").append(e.command()).append('\'');
            if (e.executionId() != null) {
                who.append(" (execution ").append(e.executionId()).append(" of ").append(e.job())
                        .append("; ./run.sh stop ").append(e.executionId()).append(" stops it)");
            }
            who.append('.');
        }
        System.err.println("refused: the database in " + dataDir().toAbsolutePath().normalize()
                + " is in use by another udlaendinge-batch process." + who
                + " Wait for it to finish, then try again.");
    }

    /** The default HSQLDB file database, unless SPRING_DATASOURCE_URL points elsewhere. */
    private static boolean embeddedDatabase() {
        String url = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
        return url == null || url.isBlank() || url.startsWith("jdbc:hsqldb:file:");
    }

    private static List<Throwable> causes(Throwable t) {
        java.util.ArrayList<Throwable> list = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !list.contains(c); c = c.getCause()) {
            list.add(c);
        }
        return list;
    }

    /** The data folder, known before the application starts (for run files and messages). */
    static Path dataDir() {
        String env = System.getenv("APP_DATA_DIR");
        String prop = System.getProperty("app.data-dir");
        return Path.of(prop != null ? prop : env != null && !env.isBlank() ? env : "./data");
    }
}
