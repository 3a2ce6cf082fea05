package dk.udlaendinge.batch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.Application;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.UrlMask;
import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.GracefulStop;
import dk.udlaendinge.batch.ops.JobRunner;
import dk.udlaendinge.batch.ops.ProgressSettings;
import dk.udlaendinge.batch.ops.TerminalProgress;

/**
 * {@code ./run.sh bench}: the benchmark's own entry point, outside the production jar
 * (docs/PERFORMANCE.md). It checks the options, creates a scratch folder and a scratch
 * database ({@link ScratchDatabase}), starts the application on them, with settings given
 * as command-line arguments that win over the environment and every configuration file,
 * so the configured database, job repository and folders are never touched; runs
 * {@link BenchRun}; and deletes the scratch folder and stops the scratch database, failed
 * or not.
 */
public final class BenchLauncher {

    private BenchLauncher() {
    }

    public static void main(String[] args) {
        Application.configureLibraries();
        System.exit(run(args));
    }

    /**
     * @param args the arguments after {@code bench}; @return the exit code
     * ({@link ExitCodes})
     */
    public static int run(String[] args) {
        if (BenchOptions.asksForHelp(args)) {
            System.out.println("Usage: ./run.sh " + BenchOptions.USAGE + "\n\n  " + BenchOptions.SUMMARY
                    + "\n  (docs/PERFORMANCE.md; --verbose: the start-up and step log on the console too)");
            return ExitCodes.COMPLETED;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        }
        catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("udlaendinge-bench");
        }
        catch (IOException e) {
            System.err.println("error: cannot create the benchmark's scratch folder: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        ScratchDatabase database = null;
        try {
            database = ScratchDatabase.start(options.database(), scratch);
            return runOn(scratch, database, options);
        }
        catch (RuntimeException e) {
            System.err.println("error: " + UrlMask.mask(JobRunner.rootMessage(e)));
            return ExitCodes.FAILED;
        }
        finally {
            closeQuietly(database);
            deleteQuietly(scratch);
        }
    }

    private static int runOn(Path scratch, ScratchDatabase database, BenchOptions options) {
        List<String> springArgs = new ArrayList<>(
                List.of("--app.data-dir=" + scratch.resolve("data"), "--app.output-dir=" + scratch.resolve("out")));
        springArgs.addAll(database.springArgs());
        springArgs.addAll(options.applicationArguments());
        System.out
            .println(BenchOptions.COMMAND + ": scratch folder " + scratch + ", database: " + database.description());
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(Application.class).registerShutdownHook(false)
                .logStartupInfo(false)
                .run(springArgs.toArray(String[]::new));
        }
        catch (Throwable t) {
            System.err.println("error: the application could not start: " + UrlMask.mask(JobRunner.rootMessage(t)));
            return ExitCodes.FAILED;
        }
        // the benchmark's run files live in its scratch folder: it must not make others
        // wait for it
        RunFiles runFiles = new RunFiles(scratch.resolve("data"));
        runFiles.register(BenchOptions.COMMAND);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILED);
        Thread hook = new Thread(() -> GracefulStop.onSigterm(context, finished, exitCode), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        // the progress lines every production command shows on a terminal
        try (TerminalProgress.Lines progress = TerminalProgress.start(context.getBean(ProgressSettings.class),
                context.getBean(RunningJobs.class), context.getBean(JobRepository.class),
                context.getBean(JdbcTemplate.class), System.out)) {
            code = new BenchRun(context, System.out, System.err).run(options);
        }
        catch (RuntimeException e) {
            System.err.println("error: " + JobRunner.rootMessage(e));
            code = ExitCodes.FAILED;
        }
        finally {
            context.close();
            runFiles.unregister();
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

    private static void closeQuietly(ScratchDatabase database) {
        if (database != null) {
            try {
                database.close();
            }
            catch (RuntimeException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }

}
