package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.springframework.batch.core.job.Job;
import org.springframework.context.ApplicationContext;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * What a running command may use: the console, the data folder, and (for a command that runs
 * in the application) the application's beans and the one launch path, {@link JobRunner}.
 */
public final class CommandContext {

    private final ApplicationContext application;
    private final Path dataDir;
    private final CountDownLatch stopSignal;
    private final PrintStream out;
    private final PrintStream err = System.err;

    private CommandContext(ApplicationContext application, Path dataDir, CountDownLatch stopSignal) {
        this(application, dataDir, stopSignal, System.out);
    }

    private CommandContext(ApplicationContext application, Path dataDir, CountDownLatch stopSignal, PrintStream out) {
        this.application = application;
        this.dataDir = dataDir;
        this.stopSignal = stopSignal;
        this.out = out;
    }

    static CommandContext withoutApplication(Path dataDir) {
        return new CommandContext(null, dataDir, new CountDownLatch(1));
    }

    static CommandContext inApplication(ApplicationContext application, CountDownLatch stopSignal) {
        return new CommandContext(application, application.getBean(Folders.class).dataDir(), stopSignal);
    }

    /**
     * A command run inside the running application by something other than the command line (the
     * console's "Run now"), printing what the command would print to {@code out}.
     */
    public static CommandContext inApplication(ApplicationContext application, PrintStream out) {
        return new CommandContext(application, application.getBean(Folders.class).dataDir(), new CountDownLatch(1),
                out);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A bean of the application; only for a command that {@link Command.Runs#IN_APPLICATION runs in it}. */
    public <T> T bean(Class<T> type) {
        return application().getBean(type);
    }

    /** A job by its bean name (the job's name). */
    public Job job(String name) {
        return application().getBean(name, Job.class);
    }

    /** The one launch path for every job: stale-run recovery, refusal while live, exit codes. */
    public JobRunner jobRunner() {
        JobRunner runner = bean(JobRunner.class);
        return out == System.out ? runner : runner.printingTo(out);
    }

    /** Counted down by SIGTERM: a command that keeps running (the daemon) ends when it opens. */
    public CountDownLatch stopSignal() {
        return stopSignal;
    }

    /** The output folder, created owner-only; bad input (exit 2) when it cannot be written. */
    public Path writableOutputDir() {
        Path dir = bean(Folders.class).outputDir();
        try {
            OwnerOnlyFiles.directory(dir);
        } catch (RuntimeException e) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " cannot be written; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " is not writable; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
        return dir;
    }

    private ApplicationContext application() {
        if (application == null) {
            throw new IllegalStateException("this command runs without the application");
        }
        return application;
    }
}
