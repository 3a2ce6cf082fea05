package dk.udlaendinge.batch.ops;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dk.udlaendinge.batch.common.batch.history.JobHistory;

/**
 * {@code ./run.sh restart [EXECUTION_ID]}: continues a failed, stopped or stale execution
 * where it stopped; without an id, the latest such execution of any job.
 */
@Component
@Scope("prototype")
@Command(name = "restart", description = "continue a failed, stopped or stale execution where it stopped")
final class RestartCommand implements Callable<Integer>, AsksRepositoryFirst {

    private final JobRepository repository;

    private final JdbcTemplate jdbc;

    private final JobHistory history;

    private final JobRunner runner;

    private final RenewalLaunch renewals;

    @Spec
    CommandSpec spec;

    private Long executionId;

    RestartCommand(JobRepository repository, JdbcTemplate jdbc, JobHistory history, JobRunner runner,
            RenewalLaunch renewals) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.history = history;
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

    /**
     * An id the job repository does not know is answered before the whole application
     * starts.
     */
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
        }
        else {
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

    /**
     * The newest execution that is the latest of its run and failed, stopped or went
     * stale.
     */
    private JobExecution latestToRestart() {
        return history.unfinished(Integer.MAX_VALUE)
            .stream()
            .filter(r -> r.latest() && (r.endedUnfinished() || r.stale()))
            .findFirst()
            .map(r -> repository.getJobExecution(r.id()))
            .orElse(null);
    }

    /**
     * Asked of the table: the repository answers an unknown id with "Incorrect result
     * size".
     */
    private static boolean known(JdbcTemplate jdbc, long executionId) {
        return JobHistory.exists(jdbc, executionId);
    }

    private static String noSuchExecution(long executionId) {
        return "there is no execution " + executionId + "; ./run.sh status lists them";
    }

}
