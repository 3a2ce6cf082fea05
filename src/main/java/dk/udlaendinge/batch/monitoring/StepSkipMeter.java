package dk.udlaendinge.batch.monitoring;

import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@code udlaendinge.batch.skips} by {@code job} and {@code step}: the items a
 * step skipped (a notice whose case document is gone, an import row rejected), added when
 * the step ends. A partitioned step is counted once, at its manager step, which sums its
 * partitions: the partitions' own executions (named {@code worker:partitionN}) are left
 * out, so a remote worker process does not need to be scraped for the total.
 */
final class StepSkipMeter implements StepExecutionListener {

    static final String NAME = "udlaendinge.batch.skips";

    private final Supplier<MeterRegistry> registry;

    StepSkipMeter(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        if (!step.getStepName().contains(":")) {
            Counter.builder(NAME)
                .description("Items skipped by a step (read, process and write skips; partitions summed)")
                .tag("job", step.getJobExecution().getJobInstance().getJobName())
                .tag("step", step.getStepName())
                .register(registry.get())
                .increment(step.getSkipCount());
        }
        return null;
    }

}
