package dk.udlaendinge.batch.common.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs a long step's progress at most every {@link #INTERVAL} (and at its end): items
 * done, rate, and time left when the total is known. One instance serves all partitions
 * of a step, so its state is kept per step execution.
 */
public final class ProgressLogger implements ChunkListener<Object, Object>, StepExecutionListener {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    /**
     * The step execution's expected total, kept in its context so that another reader of
     * the job repository (the console's live progress) computes time left from the same
     * figure. A count, never an item.
     */
    public static final String TOTAL = "progress.total";

    private static final Logger log = LoggerFactory.getLogger(ProgressLogger.class);

    private final String unit;

    private final ToLongFunction<StepExecution> total;

    private final Map<Long, long[]> state = new ConcurrentHashMap<>();

    public ProgressLogger(String unit) {
        this(unit, null);
    }

    /**
     * {@code total} counts the work of a step execution at its start, for the time left;
     * -1 if unknown.
     */
    public ProgressLogger(String unit, ToLongFunction<StepExecution> total) {
        this.unit = unit;
        this.total = total;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long counted = total == null ? -1 : total.applyAsLong(stepExecution);
        long expected = counted < 0 ? -1 : counted + stepExecution.getReadCount();
        stepExecution.getExecutionContext().putLong(TOTAL, expected);
        state.put(stepExecution.getId(), new long[] { System.nanoTime(), System.nanoTime(), expected });
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        var context = StepSynchronizationManager.getContext();
        if (context == null) {
            return;
        }
        StepExecution step = context.getStepExecution();
        long[] s = state.get(step.getId());
        if (s != null && System.nanoTime() - s[1] >= INTERVAL.toNanos()) {
            s[1] = System.nanoTime();
            report(step, s, "progress");
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long[] s = state.remove(stepExecution.getId());
        if (s != null) {
            report(stepExecution, s, "done");
        }
        return null;
    }

    private void report(StepExecution step, long[] s, String what) {
        long done = step.getReadCount();
        double seconds = Math.max(1e-3, (System.nanoTime() - s[0]) / 1e9);
        double rate = done / seconds;
        String left = "";
        if (s[2] >= 0 && rate > 0 && done < s[2]) {
            left = String.format(", about %d s left", Math.round((s[2] - done) / rate));
        }
        String of = s[2] >= 0 ? " of " + s[2] : "";
        log.info("{} {}: {}{} {} read, {} written, {} skipped, {}/s{}", step.getStepName(), what, done, of, unit,
                step.getWriteCount(), step.getSkipCount(), Math.round(rate), left);
    }

}
