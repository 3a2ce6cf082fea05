package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The skip limit counts per job execution, across its partitions: the partitions of one
 * run share it, and a restart (a new execution) starts with a fresh budget.
 */
class SkipBudgetTest {

    private final SkipBudget budget = new SkipBudget(2);

    @AfterEach
    void release() {
        while (StepSynchronizationManager.getContext() != null) {
            StepSynchronizationManager.close();
        }
    }

    @Test
    void onlyANoticeOfItsOwnIsSkipped() {
        inPartition(1L, 11L);
        assertThat(budget.shouldSkip(new IllegalStateException("database gone"), 0)).isFalse();
        assertThat(budget.shouldSkip(new RuntimeException(new NoticeSkippedException("x")), 0))
            .as("only the exception itself, not one wrapping it")
            .isFalse();
        assertThat(budget.shouldSkip(new NoticeSkippedException("case document missing"), 0)).isTrue();
    }

    @Test
    void thePartitionsOfOneExecutionShareTheLimit() {
        inPartition(1L, 11L);
        assertThat(budget.shouldSkip(new NoticeSkippedException("a"), 0)).isTrue();
        StepSynchronizationManager.close();
        inPartition(1L, 12L);
        assertThat(budget.shouldSkip(new NoticeSkippedException("b"), 0)).isTrue();
        assertThat(budget.shouldSkip(new NoticeSkippedException("c"), 0)).as("the third in the execution").isFalse();
    }

    @Test
    void aNewExecutionStartsWithTheWholeBudget() {
        inPartition(1L, 11L);
        budget.shouldSkip(new NoticeSkippedException("a"), 0);
        budget.shouldSkip(new NoticeSkippedException("b"), 0);
        assertThat(budget.shouldSkip(new NoticeSkippedException("c"), 0)).isFalse();
        StepSynchronizationManager.close();
        inPartition(2L, 21L);
        assertThat(budget.shouldSkip(new NoticeSkippedException("d"), 0)).isTrue();
    }

    private static void inPartition(long jobExecutionId, long stepExecutionId) {
        JobExecution job = MetaDataInstanceFactory.createJobExecution("renewalNoticeJob", 1L, jobExecutionId);
        StepExecution step = MetaDataInstanceFactory.createStepExecution(job, "sendNotices:p" + stepExecutionId,
                stepExecutionId);
        StepSynchronizationManager.register(step);
    }

}
