package dk.udlaendinge.batch.notice;

import java.time.LocalDate;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dk.udlaendinge.batch.deposit.RenewalRule;

/**
 * A partition of {@code selectExpiringDeposits}: every deposit of its municipalities that is
 * due a notice becomes a notice row, in one set-based statement and one transaction.
 * <p>
 * Why not a reader, a filter and a writer: with 300,000 notices due, streaming the candidates
 * to Java and writing them back row by row kept the whole send step, and so the first notice,
 * waiting for about two minutes. The SQL condition ({@link NoticeRepository#DUE}) carries the
 * whole {@link RenewalRule}: the registry's {@code renewable} and {@code expiry_date} columns
 * are computed from the same security rules whenever a deposit is written, and the rest of the
 * rule (permanent residence, first renewal, horizon, one notice per expiry) is in the
 * condition itself. {@code NoticeRepositoryTest} holds the two to the same answer on several run dates.
 * <p>
 * Restart: the statement is all or nothing, and the NOT EXISTS on the notice key leaves out
 * what an earlier attempt selected, so a restarted partition just runs it again. (Not final:
 * the step scope proxies it.)
 */
class DueDepositSelection implements Tasklet {

    private final NoticeRepository notices;
    private final RenewalRule rule;
    private final LocalDate runDate;
    private final int fromCode;
    private final int toCode;

    DueDepositSelection(NoticeRepository notices, RenewalRule rule, LocalDate runDate, int fromCode, int toCode) {
        this.notices = notices;
        this.rule = rule;
        this.runDate = runDate;
        this.fromCode = fromCode;
        this.toCode = toCode;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        int selected = notices.selectDue(runDate, rule.horizon(runDate), fromCode, toCode);
        for (int i = 0; i < selected; i++) {
            contribution.incrementReadCount(); // one at a time is the only way the API counts reads
        }
        contribution.incrementWriteCount(selected);
        return RepeatStatus.FINISHED;
    }
}
