package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.List;
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
import dk.udlaendinge.batch.common.SettingsFailure;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * The command-line front end behind {@code run.sh}. Usage errors are caught before the
 * application starts (fast, exit 2); a database held by another process is a refusal
 * (exit 3) naming that process; SIGTERM stops a running job gracefully so it can be restarted.
 */
public final class Cli {

    private Cli() {
    }

    public static int run(String[] args) {
        ConsoleVerbosity console = ConsoleVerbosity.of(args);
        Invocation inv;
        Command command;
        try {
            inv = Invocation.parse(console.commandArgs());
            command = CommandCatalog.find(inv.command()).orElseThrow(() -> new BadInputException(
                    "unknown command '" + inv.command() + "'; ./run.sh help lists the commands"));
            command.check(inv);
            if (command.runs() == Command.Runs.WITHOUT_APPLICATION) {
                return command.run(inv, CommandContext.withoutApplication(dataDir()));
            }
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        return runInApplication(command, inv, console);
    }

    private static int runInApplication(Command command, Invocation inv, ConsoleVerbosity console) {
        Optional<String> scratchKind = command.scratchDatabase(inv);
        boolean scratchRun = scratchKind.isPresent();
        Path scratch = null;
        if (scratchRun) {
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
        RunFiles runFiles = new RunFiles(scratchRun ? scratch.resolve("data") : dataDir());
        if (embeddedDatabase() && !scratchRun && !runFiles.others().isEmpty()) {
            // the embedded database admits one process: say so now rather than after HSQLDB's lock wait
            refuse(runFiles);
            return ExitCodes.REFUSED;
        }
        if (!scratchRun && command.asksBeforeStart(inv)) {
            Optional<String> refusal;
            try {
                refusal = RepositoryProbe.ask(console.springArgs(), jdbc -> command.refusalBeforeStart(inv, jdbc));
            } catch (RuntimeException e) {
                if (causes(e).stream().anyMatch(c -> c instanceof DatabaseUnavailableException)) {
                    return startupFailure(e, runFiles);
                }
                refusal = Optional.empty(); // a database not yet set up, say: the full start answers
            }
            if (refusal.isPresent()) {
                System.err.println("error: " + refusal.get());
                return ExitCodes.BAD_USAGE;
            }
        }
        ConfigurableApplicationContext context;
        ScratchDatabase scratchDb = null;
        try {
            List<String> springArgs = new java.util.ArrayList<>();
            if (scratchRun) {
                // the benchmark never touches the configured database, job repository or folders:
                // a scratch database and scratch folders, as arguments that win over the environment
                scratchDb = ScratchDatabase.start(scratchKind.get(), scratch);
                springArgs.addAll(List.of("--app.data-dir=" + scratch.resolve("data"),
                        "--app.output-dir=" + scratch.resolve("out")));
                springArgs.addAll(scratchDb.springArgs());
                springArgs.addAll(command.applicationArguments(inv));
                System.out.println(command.name() + ": scratch folder " + scratch + ", database: " + scratchDb.description());
            }
            if (command.servesWeb()) {
                springArgs.add("--spring.main.web-application-type=servlet");
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
        quietLogStatus();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILED);
        Thread hook = new Thread(() -> gracefulStop(context, finished, exitCode), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = context.getBean(Commands.class).execute(inv);
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
     * Once started, a log line the log file cannot take (a full data disk) must not put a stack
     * trace on the console for every line: Spring Boot's logback status listener prints one each
     * time. The failure itself reaches the operator as the command's one error line.
     */
    private static void quietLogStatus() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            ch.qos.logback.core.status.StatusManager status = logback.getStatusManager();
            status.getCopyOfStatusListenerList().stream()
                    .filter(l -> l instanceof ch.qos.logback.core.status.OnPrintStreamStatusListenerBase)
                    .forEach(status::remove);
        }
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
            logToFileOnly("The database cannot be used", UrlMask.maskedCopy(t));
            System.err.println("error: " + UrlMask.mask(database.get().getMessage()));
            return ExitCodes.BAD_USAGE;
        }
        Optional<Integer> busyPort = causes(t).stream()
                .filter(c -> c instanceof org.springframework.boot.web.server.PortInUseException)
                .map(c -> ((org.springframework.boot.web.server.PortInUseException) c).getPort()).findFirst();
        if (busyPort.isPresent()) {
            logToFileOnly("The console's port is in use", t);
            System.err.println("error: port " + busyPort.get() + " (server.port, env SERVER_PORT) is in use by another"
                    + " program; stop that program, or set server.port to a free port");
            return ExitCodes.BAD_USAGE;
        }
        Optional<String> setting = SettingsFailure.describe(t);
        if (setting.isPresent()) {
            logToFileOnly("The configuration was refused", UrlMask.maskedCopy(t));
            System.err.println("error in configuration: " + UrlMask.mask(setting.get()));
            return ExitCodes.BAD_USAGE;
        }
        Optional<Throwable> bad = causes(t).stream().filter(c -> c instanceof IllegalArgumentException
                || c instanceof BadInputException).reduce((a, b) -> b);
        if (bad.isPresent()) {
            logToFileOnly("The configuration was refused", UrlMask.maskedCopy(t));
            System.err.println("error in configuration: " + UrlMask.mask(bad.get().getMessage()));
            return ExitCodes.BAD_USAGE;
        }
        org.slf4j.LoggerFactory.getLogger(Cli.class).error("The application could not start", UrlMask.maskedCopy(t));
        System.err.println("error: the application could not start: " + UrlMask.mask(JobRunner.rootMessage(t)));
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

    /**
     * The embedded database is held by another process: name it and what it runs. A one-command
     * process ends by itself, so the advice is to try again when it has; the daemon never ends by
     * itself, so the advice is its console (and a stop is offered only for an execution it runs,
     * which stops that execution and leaves the daemon running).
     */
    private static void refuse(RunFiles runFiles) {
        StringBuilder who = new StringBuilder();
        List<RunFiles.Entry> others = runFiles.others();
        // a process no run file names (an old release, another tool) may be anything: it is waited for
        boolean onlyDaemons = !others.isEmpty();
        for (RunFiles.Entry e : others) {
            boolean daemon = Stopper.DAEMON.equals(e.command());
            onlyDaemons &= daemon;
            who.append(" Process ").append(e.pid()).append(" is running '").append(e.command()).append('\'');
            if (daemon) {
                who.append(", which keeps the database as long as it runs");
            }
            if (e.executionId() != null) {
                who.append(" (execution ").append(e.executionId()).append(" of ").append(e.job())
                        .append(" runs in it; ./run.sh stop ").append(e.executionId()).append(" stops that execution")
                        .append(daemon ? ", not the daemon)" : ")");
            }
            who.append('.');
            runFiles.consoleOf(e).ifPresent(url -> who.append(" Its console shows the executions and their progress at ")
                    .append(url).append(" (log in there)."));
        }
        System.err.println("refused: the database in " + dataDir().toAbsolutePath().normalize()
                + " is in use by another udlaendinge-batch process." + who
                + (onlyDaemons ? "" : " Wait for it to finish, then try again."));
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
