package dk.udlaendinge.batch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./run.sh bench --partitioning remote --workers N}: N worker JVMs
 * ({@code ./run.sh
 * worker}) started by the benchmark, which is the manager with its embedded broker. They
 * run with the same java, class path or jar and JVM options as the benchmark, on its
 * scratch database and output folder, each with a name and a data folder of its own, and
 * are stopped with SIGTERM when the benchmark ends, failed or not ({@link #close}).
 */
final class BenchWorkers implements AutoCloseable {

    static final String READY = "takes partitions of";

    private static final long READY_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

    private final List<Worker> workers = new ArrayList<>();

    private final PrintStream out;

    private record Worker(String name, Process process, Path stdout, Path stderr) {
    }

    private BenchWorkers(PrintStream out) {
        this.out = out;
    }

    /** No workers: local partitions. */
    static BenchWorkers none(PrintStream out) {
        return new BenchWorkers(out);
    }

    /**
     * Starts {@code count} workers and waits until each takes requests from the broker.
     * @param settings system properties every worker gets (database, folders, broker URL)
     * @param environment environment variables every worker gets (the database password:
     * not on a command line)
     * @param folder where each worker's data folder and console output go
     * @throws IllegalStateException naming the worker and its last error line if one does
     * not become ready
     */
    static BenchWorkers start(int count, Map<String, String> settings, Map<String, String> environment, Path folder,
            PrintStream out) {
        BenchWorkers started = new BenchWorkers(out);
        try {
            for (int i = 1; i <= count; i++) {
                started.workers.add(launch("bench-worker-" + i, settings, environment, folder));
            }
            for (Worker w : started.workers) {
                awaitReady(w);
            }
        }
        catch (RuntimeException e) {
            started.close();
            throw e;
        }
        out.printf("bench: %d worker process(es) take partitions (pids %s)%n", count,
                started.workers.stream().map(w -> String.valueOf(w.process().pid())).toList());
        return started;
    }

    private static Worker launch(String name, Map<String, String> settings, Map<String, String> environment,
            Path folder) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the benchmark's own heap and collector settings; no debugger or agent a second
        // time
        ManagementFactory.getRuntimeMXBean()
            .getInputArguments()
            .stream()
            .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp"))
            .forEach(command::add);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dapp.data-dir=" + folder.resolve(name));
        command.add("-Dapp.renewal.worker-name=" + name);
        command.addAll(launcher());
        command.add("worker");
        try {
            Files.createDirectories(folder);
            Path stdout = folder.resolve(name + ".out");
            Path stderr = folder.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            return new Worker(name, builder.start(), stdout, stderr);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start worker " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The production entry point ({@code ./run.sh worker}) on the benchmark's own class
     * path: the benchmark runs from the class path (run.sh), never from a jar.
     */
    static List<String> launcher() {
        return List.of("-cp", System.getProperty("java.class.path"), dk.udlaendinge.batch.ops.Cli.class.getName());
    }

    private static void awaitReady(Worker w) {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!read(w.stdout()).contains(READY)) {
            if (!w.process().isAlive()) {
                throw new IllegalStateException("worker " + w.name() + " ended with exit " + w.process().exitValue()
                        + ": " + lastLine(read(w.stderr())));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("worker " + w.name() + " did not take requests within "
                        + READY_TIMEOUT_MS / 1000 + " s: " + lastLine(read(w.stderr())));
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the workers", e);
            }
        }
    }

    /**
     * SIGTERM to every worker, then a wait for each; one that does not end in a minute is
     * killed.
     */
    @Override
    public void close() {
        workers.forEach(w -> w.process().destroy());
        for (Worker w : workers) {
            try {
                if (!w.process().waitFor(1, TimeUnit.MINUTES)) {
                    out.println("bench: worker " + w.name() + " did not stop on SIGTERM within a minute; killed");
                    w.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                w.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1];
    }

}
