package dk.udlaendinge.batch.notice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * One skip limit for a whole job execution, shared by all its partitions: a notice that
 * cannot go out for a reason of its own ({@link NoticeSkippedException}: a case document
 * gone or not a PDF, an address that is not one address) is skipped and recorded, until
 * more than {@code limit} have gone bad in the execution; then the step fails, because
 * something bigger is wrong.
 */
public final class SkipBudget implements SkipPolicy {

    private final long limit;

    private final Map<Long, AtomicLong> usedByJobExecution = new ConcurrentHashMap<>();

    public SkipBudget(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) {
        if (!(t instanceof NoticeSkippedException)) {
            return false;
        }
        return spend();
    }

    /**
     * Takes one skip from the execution's budget for a notice the writer leaves out
     * itself (a recipient the gateway refused for good, {@link NoticeDispatch}): false
     * when the budget is spent, and then the step must fail.
     */
    public boolean spend() {
        var context = StepSynchronizationManager.getContext();
        long jobExecutionId = context == null ? -1 : context.getStepExecution().getJobExecutionId();
        return usedByJobExecution.computeIfAbsent(jobExecutionId, id -> new AtomicLong()).incrementAndGet() <= limit;
    }

}
