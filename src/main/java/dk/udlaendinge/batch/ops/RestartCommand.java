package dk.udlaendinge.batch.ops;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;

/**
 * {@code ./run.sh restart [EXECUTION_ID]}: continues a failed, stopped or stale execution where
 * it stopped; without an id, the latest such execution of any job.
 */
public final class RestartCommand implements Command {

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public String summary() {
        return "continue a failed, stopped or stale execution where it stopped";
    }

    @Override
    public String positional() {
        return "[EXECUTION_ID]";
    }

    @Override
    public void check(Invocation inv) {
        Command.super.check(inv);
        if (!inv.positional().isEmpty()) {
            parseId(inv.positional().get(0));
        }
    }

    @Override
    public boolean asksBeforeStart(Invocation inv) {
        return !inv.positional().isEmpty();
    }

    /** An id the job repository does not know is answered before the whole application starts. */
    @Override
    public Optional<String> refusalBeforeStart(Invocation inv, JdbcTemplate jdbc) {
        long executionId = parseId(inv.positional().get(0));
        return known(jdbc, executionId) ? Optional.empty() : Optional.of(noSuchExecution(executionId));
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        JobRepository repository = context.bean(JobRepository.class);
        JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
        JobExecution target;
        if (!inv.positional().isEmpty()) {
            long executionId = parseId(inv.positional().get(0));
            target = known(jdbc, executionId) ? repository.getJobExecution(executionId) : null;
            if (target == null) {
                throw new BadInputException(noSuchExecution(executionId));
            }
        } else {
            target = latestToRestart(repository, context.bean(JobHistory.class));
            if (target == null) {
                context.out().println("Nothing to restart: no failed, stopped or stale execution.");
                return ExitCodes.COMPLETED;
            }
        }
        JobRunner.Outcome outcome = context.jobRunner().restart(target);
        if (outcome.execution() != null
                && outcome.execution().getJobInstance().getJobName().equals(RenewalNoticeJobConfiguration.JOB)) {
            LocalDate runDate = outcome.execution().getJobParameters()
                    .getLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE);
            RenewalCommand.printSummary(context, runDate);
        }
        return outcome.exitCode();
    }

    /** The newest execution that is the latest of its run and failed, stopped or went stale. */
    private static JobExecution latestToRestart(JobRepository repository, JobHistory history) {
        return history.unfinished(Integer.MAX_VALUE).stream()
                .filter(r -> r.latest() && (r.endedUnfinished() || r.stale())).findFirst()
                .map(r -> repository.getJobExecution(r.id())).orElse(null);
    }

    /** Asked of the table: the repository answers an unknown id with "Incorrect result size". */
    private static boolean known(JdbcTemplate jdbc, long executionId) {
        return JobHistory.exists(jdbc, executionId);
    }

    private static String noSuchExecution(long executionId) {
        return "there is no execution " + executionId + "; ./run.sh status lists them";
    }

    /** An execution id as the operator typed it: a number that can exist. */
    static long parseId(String text) {
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException("an execution id is a number, not '" + text + "'; ./run.sh status lists them");
        }
        if (id < 0) {
            throw new BadInputException("there is no execution " + id + "; ./run.sh status lists them");
        }
        return id;
    }
}
