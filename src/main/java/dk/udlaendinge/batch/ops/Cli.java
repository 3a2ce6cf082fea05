package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.Application;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.UrlMask;
import picocli.CommandLine.ParameterException;

/**
 * The command-line front end behind {@code run.sh}. Usage errors are caught before the
 * application starts (fast, exit 2); a database held by another process is a refusal
 * (exit 3) naming that process; SIGTERM stops a running job gracefully so it can be
 * restarted.
 */
public final class Cli {

    private Cli() {
    }

    /** The jar's Main-Class ({@code run.sh} runs {@code java -jar}). */
    public static void main(String[] args) {
        Application.configureLibraries();
        System.exit(run(args));
    }

    public static int run(String[] args) {
        ConsoleVerbosity console = ConsoleVerbosity.of(args);
        String[] commandArgs = console.commandArgs();
        Object command;
        try {
            command = RunSh.parse(commandArgs).getCommandSpec().userObject();
        }
        catch (ParameterException e) {
            System.err.println("error: " + RunSh.usageError(e, commandArgs));
            return ExitCodes.BAD_USAGE;
        }
        LaunchSettings settings;
        try {
            settings = LaunchSettings.load(console.springArgs());
        }
        catch (RuntimeException e) {
            System.err.println("error in configuration: " + UrlMask.mask(JobRunner.rootMessage(e)));
            return ExitCodes.BAD_USAGE;
        }
        if (command instanceof BeforeApplication before) {
            try {
                return before.run(settings);
            }
            catch (BadInputException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.BAD_USAGE;
            }
        }
        return runInApplication(command, commandArgs, console, settings);
    }

    private static int runInApplication(Object command, String[] commandArgs, ConsoleVerbosity console,
            LaunchSettings settings) {
        Path dataDir = settings.dataDir();
        try {
            prepareDataDir(dataDir);
        }
        catch (java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage() + "; check app.data-dir (APP_DATA_DIR) and its permissions");
            return ExitCodes.BAD_USAGE;
        }
        RunFiles runFiles = new RunFiles(dataDir);
        if (settings.embeddedDatabase() && !runFiles.others().isEmpty()) {
            // the embedded database admits one process: say so now rather than after
            // HSQLDB's lock wait
            refuse(runFiles, dataDir);
            return ExitCodes.REFUSED;
        }
        if (command instanceof AsksRepositoryFirst asks && asks.asksBeforeStart()) {
            Optional<String> refusal;
            try {
                refusal = RepositoryProbe.ask(console.springArgs(), asks::refusalBeforeStart);
            }
            catch (RuntimeException e) {
                if (StartupFailure.isDatabaseFailure(e)) {
                    return startupFailure(e, runFiles, dataDir);
                }
                refusal = Optional.empty(); // a database not yet set up, say: the full
                                            // start answers
            }
            if (refusal.isPresent()) {
                System.err.println("error: " + refusal.get());
                return ExitCodes.BAD_USAGE;
            }
        }
        ConfigurableApplicationContext context;
        try {
            String[] springArgs = command instanceof ServesWeb
                    ? console.springArgs("--spring.main.web-application-type=servlet") : console.springArgs();
            context = new SpringApplicationBuilder(Application.class).registerShutdownHook(false)
                .logStartupInfo(false)
                .run(springArgs);
        }
        catch (Throwable t) {
            return startupFailure(t, runFiles, dataDir);
        }
        runFiles.register(commandArgs.length == 0 ? RunSh.DEFAULT_COMMAND : commandArgs[0]);
        OwnerOnlyFiles.lockDown(dataDir); // what HSQLDB and the log created with the
                                          // umask
        quietLogStatus();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILED);
        Thread hook = new Thread(() -> GracefulStop.onSigterm(context, finished, exitCode), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = context.getBean(Commands.class).execute(command.getClass(), commandArgs);
        }
        catch (RuntimeException e) {
            System.err.println("error: " + JobRunner.rootMessage(e));
            code = ExitCodes.FAILED;
        }
        finally {
            context.close();
            runFiles.unregister();
            OwnerOnlyFiles.lockDown(dataDir); // HSQLDB rewrites its files when it shuts
                                              // down
        }
        exitCode.set(code);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException shuttingDown) {
            // SIGTERM arrived: the hook is waiting for us; the JVM exits when it returns
        }
        return code;
    }

    /**
     * Once started, a log line the log file cannot take (a full data disk) must not put a
     * stack trace on the console for every line: Spring Boot's logback status listener
     * prints one each time. The failure itself reaches the operator as the command's one
     * error line.
     */
    private static void quietLogStatus() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            ch.qos.logback.core.status.StatusManager status = logback.getStatusManager();
            status.getCopyOfStatusListenerList()
                .stream()
                .filter(l -> l instanceof ch.qos.logback.core.status.OnPrintStreamStatusListenerBase)
                .forEach(status::remove);
        }
    }

    /**
     * The database, logs and run files hold personal data, and a direct {@code java -jar}
     * runs with whatever umask the launcher has (022 makes new files world-readable). So
     * the data folder and its database, log and run folders are made owner-only before
     * HSQLDB or the log open anything in them, and the log file is created owner-only
     * (the log appends to it and keeps its permissions). A file that HSQLDB or a log
     * rollover creates later with the umask sits in an owner-only folder, and
     * {@link OwnerOnlyFiles#lockDown} sets it {@code rw-------} once the application is
     * up and again when it has closed.
     */
    static void prepareDataDir(Path dataDir) {
        OwnerOnlyFiles.root(dataDir);
        for (String folder : List.of("db", "logs", "run")) {
            OwnerOnlyFiles.directory(dataDir.resolve(folder));
        }
        Path log = dataDir.resolve("logs").resolve("udlaendinge-batch.log");
        try {
            java.nio.file.Files
                .newByteChannel(log,
                        java.util.Set.of(java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                        java.nio.file.attribute.PosixFilePermissions
                            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                .close();
        }
        catch (java.io.IOException | UnsupportedOperationException e) {
            // the log creates it; the owner-only folder still keeps it from others
        }
        OwnerOnlyFiles.lockDown(dataDir);
    }

    private static int startupFailure(Throwable t, RunFiles runFiles, Path dataDir) {
        StartupFailure failure = StartupFailure.of(t);
        switch (failure.kind()) {
            case DATABASE_LOCKED -> {
                refuse(runFiles, dataDir);
                return ExitCodes.REFUSED;
            }
            case DATABASE_UNAVAILABLE -> {
                // the operator's fix is in the line; the driver's trace goes to the log
                // file only
                logToFileOnly("The database cannot be used", UrlMask.maskedCopy(t));
                System.err.println("error: " + UrlMask.mask(failure.cause().getMessage()));
                return ExitCodes.BAD_USAGE;
            }
            case PORT_IN_USE -> {
                logToFileOnly("The console's port is in use", t);
                System.err.println("error: port " + ((PortInUseException) failure.cause()).getPort()
                        + " (server.port, env SERVER_PORT) is in use by another program; stop that program, or set"
                        + " server.port to a free port");
                return ExitCodes.BAD_USAGE;
            }
            case CONFIGURATION -> {
                logToFileOnly("The configuration was refused", UrlMask.maskedCopy(t));
                System.err.println("error in configuration: " + UrlMask.mask(failure.cause().getMessage()));
                return ExitCodes.BAD_USAGE;
            }
            default -> {
                org.slf4j.LoggerFactory.getLogger(Cli.class)
                    .error("The application could not start", UrlMask.maskedCopy(t));
                System.err.println("error: the application could not start: " + UrlMask.mask(JobRunner.rootMessage(t)));
                return ExitCodes.FAILED;
            }
        }
    }

    /**
     * Writes to the log file's appender alone: the console (Boot's CONSOLE appender) gets
     * the one-line error, not the trace. Falls back to the ordinary logger if there is no
     * file appender.
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

    /**
     * The embedded database is held by another process: name it and what it runs. A
     * one-command process ends by itself, so the advice is to try again when it has; the
     * daemon never ends by itself, so the advice is its console (and a stop is offered
     * only for an execution it runs, which stops that execution and leaves the daemon
     * running).
     */
    private static void refuse(RunFiles runFiles, Path dataDir) {
        StringBuilder who = new StringBuilder();
        List<RunFiles.Entry> others = runFiles.others();
        // a process no run file names (an old release, another tool) may be anything: it
        // is waited for
        boolean onlyDaemons = !others.isEmpty();
        for (RunFiles.Entry e : others) {
            boolean daemon = Stopper.DAEMON.equals(e.command());
            onlyDaemons &= daemon;
            who.append(" Process ").append(e.pid()).append(" is running '").append(e.command()).append('\'');
            if (daemon) {
                who.append(", which keeps the database as long as it runs");
            }
            if (e.executionId() != null) {
                who.append(" (execution ")
                    .append(e.executionId())
                    .append(" of ")
                    .append(e.job())
                    .append(" runs in it; ./run.sh stop ")
                    .append(e.executionId())
                    .append(" stops that execution")
                    .append(daemon ? ", not the daemon)" : ")");
            }
            who.append('.');
            runFiles.consoleOf(e)
                .ifPresent(url -> who.append(" Its console shows the executions and their progress at ")
                    .append(url)
                    .append(" (log in there)."));
        }
        System.err.println("refused: the database in " + dataDir.toAbsolutePath().normalize()
                + " is in use by another udlaendinge-batch process." + who
                + (onlyDaemons ? "" : " Wait for it to finish, then try again."));
    }

}
