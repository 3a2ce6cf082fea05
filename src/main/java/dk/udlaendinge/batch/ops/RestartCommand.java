package dk.udlaendinge.batch.ops;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh restart [EXECUTION_ID]}: continues a failed, stopped or stale execution where
 * it stopped; without an id, the latest such execution of any job.
 */
@Component
@Scope("prototype")
@Command(name = "restart", description = "continue a failed, stopped or stale execution where it stopped")
final class RestartCommand implements Callable<Integer>, AsksRepositoryFirst {

    private final JobRepository repository;
    private final JdbcTemplate jdbc;
    private final RunningJobs running;
    private final JobRunner runner;
    private final RenewalLaunch renewals;

    @Spec
    CommandSpec spec;

    private Long executionId;

    RestartCommand(JobRepository repository, JdbcTemplate jdbc, RunningJobs running, JobRunner runner,
            RenewalLaunch renewals) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.running = running;
        this.runner = runner;
        this.renewals = renewals;
    }

    @Parameters(paramLabel = "EXECUTION_ID", arity = "0..1")
    void executionId(String text) {
        executionId = OptionValues.executionId(spec, text);
    }

    @Override
    public boolean asksBeforeStart() {
        return executionId != null;
    }

    /** An id the job repository does not know is answered before the whole application starts. */
    @Override
    public Optional<String> refusalBeforeStart(JdbcTemplate probe) {
        return known(probe, executionId) ? Optional.empty() : Optional.of(noSuchExecution(executionId));
    }

    @Override
    public Integer call() {
        JobExecution target;
        if (executionId != null) {
            target = known(jdbc, executionId) ? repository.getJobExecution(executionId) : null;
            if (target == null) {
                throw new BadInputException(noSuchExecution(executionId));
            }
        } else {
            target = latestToRestart();
            if (target == null) {
                System.out.println("Nothing to restart: no failed, stopped or stale execution.");
                return ExitCodes.COMPLETED;
            }
        }
        JobRunner.Outcome outcome = runner.restart(target);
        renewals.printSummaryOf(outcome, System.out);
        return outcome.exitCode();
    }

    private JobExecution latestToRestart() {
        List<Long> candidates = jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION"
                + " WHERE STATUS IN ('FAILED', 'STOPPED', 'STARTED', 'STARTING', 'STOPPING')"
                + " ORDER BY JOB_EXECUTION_ID DESC", Long.class);
        for (Long id : candidates) {
            JobExecution e = repository.getJobExecution(id);
            if (e != null && isLatestOfInstance(e) && (e.getStatus() == BatchStatus.FAILED
                    || e.getStatus() == BatchStatus.STOPPED || running.isStale(e))) {
                return e;
            }
        }
        return null;
    }

    private boolean isLatestOfInstance(JobExecution e) {
        JobExecution last = repository.getLastJobExecution(e.getJobInstance());
        return last != null && last.getId() == e.getId();
    }

    /** Asked of the table: the repository answers an unknown id with "Incorrect result size". */
    private static boolean known(JdbcTemplate jdbc, long executionId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                Integer.class, executionId);
        return count != null && count > 0;
    }

    private static String noSuchExecution(long executionId) {
        return "there is no execution " + executionId + "; ./run.sh status lists them";
    }
}
