package dk.udlaendinge.batch.common.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * When another process may take an execution for dead. The case here is the moment
 * between a launch creating its execution and recording its process: a second launch
 * looking then must see a running job, not a stale one (the rest of the rule needs
 * processes and a database, and the ops tests run it with both).
 */
class RunningJobsTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void anExecutionWithoutItsProcessIsStaleOnlyOnceOlderThanStaleAfter() {
        LocalDateTime now = LocalDateTime.of(2026, 11, 28, 2, 0);
        assertThat(RunningJobs.unclaimedTooLong(now.minusSeconds(1), now, STALE_AFTER)).isFalse();
        assertThat(RunningJobs.unclaimedTooLong(now.minusSeconds(60), now, STALE_AFTER)).isFalse();
        assertThat(RunningJobs.unclaimedTooLong(now.minusSeconds(61), now, STALE_AFTER)).isTrue();
        assertThat(RunningJobs.unclaimedTooLong(null, now, STALE_AFTER)).isTrue();
    }

    @Test
    void aJustCreatedExecutionThatHasNotRecordedItsProcessYetIsNotStale() {
        RunningJobs running = new RunningJobs(new RunFiles(tmp), null, null,
                new LivenessSettings(Duration.ofSeconds(5), STALE_AFTER, "this-host"));
        try {
            JobExecution launching = new JobExecution(5, new JobInstance(5, "renewalNoticeJob"), new JobParameters());
            launching.setStatus(BatchStatus.STARTING);
            launching.setCreateTime(LocalDateTime.now());
            assertThat(running.isStale(launching)).isFalse();

            launching.setCreateTime(LocalDateTime.now().minusMinutes(2));
            assertThat(running.isStale(launching)).isTrue();

            launching.setStatus(BatchStatus.FAILED);
            assertThat(running.isStale(launching)).isFalse();
        }
        finally {
            running.destroy();
        }
    }

}
