package dk.udlaendinge.batch.support;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;

/**
 * Launching a job with Spring Batch's test support and reading its steps. Kept out of the
 * test classes on purpose: {@code @SpringBatchTest} takes any method of a test class that
 * returns a {@code JobExecution} or {@code StepExecution} for a factory of its job or
 * step scope, and fails when it cannot call it.
 */
public final class JobRuns {

    private JobRuns() {
    }

    public static JobExecution launch(JobOperatorTestUtils jobs, Job job, JobParameters parameters) throws Exception {
        jobs.setJob(job);
        return jobs.startJob(parameters);
    }

    public static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions()
            .stream()
            .filter(s -> s.getStepName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step " + name + " in execution " + execution.getId()));
    }

    /**
     * A step's counts as ./run.sh prints them; a partitioned step's manager sums its
     * partitions.
     */
    public static String counts(JobExecution execution, String stepName) {
        StepExecution s = step(execution, stepName);
        return "read " + s.getReadCount() + ", written " + s.getWriteCount() + ", skipped " + s.getSkipCount();
    }

}
