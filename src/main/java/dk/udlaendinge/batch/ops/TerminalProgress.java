package dk.udlaendinge.batch.ops;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.common.batch.history.PartitionRun;
import dk.udlaendinge.batch.common.batch.history.StepRun;

import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * A line of progress on the terminal while a command's job runs for minutes: the running
 * step, done of total, rate and time left, every {@code app.progress.interval} (default
 * 10 s). Only when stdout is a terminal ({@code app.progress.terminal: auto}, the
 * default): under cron nothing extra is printed, and cron mails only the summary.
 * {@code always} and {@code never} decide explicitly. Read from the job repository, as
 * the console's live progress is: the counts of the step's partitions summed, the total
 * each recorded at its start ({@link ProgressLogger#TOTAL}). Counts only, never an item.
 */
public final class TerminalProgress {

    /** The progress lines of one command, ended when it ends; closing throws nothing. */
    public interface Lines extends AutoCloseable {

        @Override
        void close();

    }

    private final RunningJobs running;

    private final JobHistory history;

    private final PrintStream out;

    private final Thread thread;

    private final CountDownLatch ended = new CountDownLatch(1);

    private TerminalProgress(RunningJobs running, JobRepository repository, JdbcTemplate jdbc, PrintStream out,
            Duration interval) {
        this.running = running;
        this.history = new JobHistory(jdbc, repository, running);
        this.out = out;
        this.thread = new Thread(() -> loop(interval), "terminal-progress");
        thread.setDaemon(true);
    }

    /**
     * Starts the progress lines if the setting and the terminal say so; else a no-op to
     * close.
     */
    public static Lines start(ProgressSettings settings, RunningJobs running, JobRepository repository,
            JdbcTemplate jdbc, PrintStream out) {
        boolean on = switch (settings.terminal()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> onTerminal();
        };
        if (!on) {
            return () -> {
            };
        }
        Duration interval = settings.interval();
        TerminalProgress progress = new TerminalProgress(running, repository, jdbc, out, interval);
        progress.thread.start();
        return progress::close;
    }

    /**
     * Whether the command talks to a terminal: up to Java 21 a {@link Console} exists
     * only when stdin and stdout are both terminals (under cron, or with stdout in a
     * file, it does not); from Java 22 one always exists and {@code isTerminal()} says
     * it.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        }
        catch (NoSuchMethodException olderJava) {
            return true;
        }
        catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private void loop(Duration interval) {
        try {
            while (!ended.await(Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS)) {
                try {
                    for (JobExecution e : running.live()) {
                        for (String line : lines(e.getId())) {
                            out.println(line);
                        }
                    }
                }
                catch (RuntimeException e) {
                    // a progress line is a courtesy: a failed read waits for the next one
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the lines and waits for a read in progress: the thread is never interrupted
     * (an interrupt in the middle of the embedded database's file I/O would close its
     * files), and no read runs once the command goes on to its summary and closes the
     * application.
     */
    private void close() {
        ended.countDown();
        try {
            thread.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line per running step of the execution, its partitions summed. */
    private List<String> lines(long jobExecutionId) {
        Map<String, long[]> steps = new LinkedHashMap<>(); // step -> done, total (-1
                                                           // unknown), partitions
        Map<String, LocalDateTime> started = new LinkedHashMap<>();
        for (StepRun s : history.steps(jobExecutionId)) {
            if (!s.status().equals("STARTED") && !s.status().equals("STARTING")) {
                continue;
            }
            String step = PartitionRun.workerStepOf(s.name());
            long[] figures = steps.computeIfAbsent(step, k -> new long[] { 0, 0, 0 });
            if (!s.isPartition()) {
                if (figures[2] == 0) { // a manager counts only until its partitions show
                                       // up
                    figures[0] = s.read();
                    figures[1] = total(s.id());
                }
            }
            else {
                if (figures[2] == 0) {
                    figures[0] = 0;
                    figures[1] = 0;
                }
                figures[2]++;
                figures[0] += s.read();
                long total = total(s.id());
                figures[1] = figures[1] < 0 || total < 0 ? -1 : figures[1] + total;
            }
            if (s.start() != null) {
                started.merge(step, s.start(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        return steps.entrySet()
            .stream()
            .map(e -> line(e.getKey(), e.getValue()[0], e.getValue()[1],
                    started.containsKey(e.getKey()) ? Duration.between(started.get(e.getKey()), LocalDateTime.now())
                            : null))
            .toList();
    }

    private long total(long stepExecutionId) {
        return history.context(stepExecutionId).getLong(ProgressLogger.TOTAL, -1L);
    }

    /**
     * {@code "  sendNotices: 1200 of 5000 (24 %), 40/s, about 1 min 35 s left"}: what is
     * known of it.
     */
    static String line(String step, long done, long total, Duration elapsed) {
        StringBuilder b = new StringBuilder("  ").append(step).append(": ").append(done);
        if (total > 0) {
            b.append(" of ").append(total).append(" (").append(Math.min(100, done * 100 / total)).append(" %)");
        }
        double seconds = elapsed == null ? 0 : elapsed.toMillis() / 1000.0;
        if (seconds >= 1 && done > 0) {
            double rate = done / seconds;
            b.append(", ")
                .append(rate >= 10 ? Long.toString(Math.round(rate)) : String.format(Locale.ROOT, "%.1f", rate))
                .append("/s");
            if (total > done) {
                b.append(", about ").append(span(Math.round((total - done) / rate))).append(" left");
            }
        }
        return b.toString();
    }

    private static String span(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

}
