package dk.udlaendinge.batch.notice;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MemoGateway;
import dk.udlaendinge.batch.delivery.RecipientRefusedException;
import dk.udlaendinge.batch.delivery.Channel;

/**
 * Sends each prepared notice and records it as sent at once, one by one. The only window
 * for a double send is between the gateway accepting a message and that record being
 * committed; a resend from that window carries the same Message-ID (mail) or the same
 * messageUUID (MeMo).
 *
 * <p>
 * A gateway that refuses one message for good ({@link RecipientRefusedException}: a 5xx
 * reply of the mail gateway, a MeMo receiver's 4xx) does not stop the others; see
 * {@link #skipRefused}.
 */
public class NoticeDispatch implements ItemWriter<PreparedNotice> {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatch.class);

    /**
     * How the skip reason of a refused message starts; a MeMo receiver's refusal goes on
     * "… for good (HTTP …".
     */
    static final String REFUSED = "Digital Post refused notice ";

    /**
     * The skip reasons of messages a MeMo receiver refused, as an SQL LIKE pattern (the
     * run's summary counts them).
     */
    static final String REFUSED_BY_MEMO_RECEIVER = REFUSED + "% for good (HTTP %";

    private final MailGateway gateway;

    private final MemoGateway memoGateway;

    private final SkipBudget skipBudget;

    private final NoticeRepository records;

    private final RenewalOutputs outputs;

    private final LocalDate runDate;

    private final Clock clock;

    public NoticeDispatch(MailGateway gateway, NoticeRepository records, RenewalOutputs outputs, LocalDate runDate,
            Clock clock, SkipBudget skipBudget) {
        this(gateway, null, skipBudget, records, outputs, runDate, clock);
    }

    public NoticeDispatch(MailGateway gateway, MemoGateway memoGateway, SkipBudget skipBudget, NoticeRepository records,
            RenewalOutputs outputs, LocalDate runDate, Clock clock) {
        this.gateway = gateway;
        this.memoGateway = memoGateway;
        this.skipBudget = skipBudget;
        this.records = records;
        this.outputs = outputs;
        this.runDate = runDate;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends PreparedNotice> chunk) {
        Path outbox = outputs.outbox(runDate);
        for (var it = chunk.iterator(); it.hasNext();) {
            PreparedNotice notice = it.next();
            if (notice.routing().channel() == Channel.DIGITAL) {
                try {
                    if (notice.memo() != null) {
                        memoGateway.deliver(notice.memo(), outbox);
                    }
                    else {
                        gateway.send(notice.message(), notice.pending().key(), outbox);
                    }
                }
                catch (RecipientRefusedException e) {
                    skipRefused(notice, e);
                    it.remove(e); // not written: the step's write count leaves it out
                    continue;
                }
            }
            else {
                OwnerOnlyFiles.write(outputs.paperLetter(runDate, notice.pending().key()), notice.letterPdf());
            }
            records.markSent(notice, runDate, clock.instant());
            Meters.noticeSent(notice.routing().channel().name(), notice.routing().reason());
        }
    }

    /**
     * One closed mailbox or wrong address must not stop the night (and every night after,
     * since the notice is pending first on the next run): the gateway's permanent refusal
     * skips this notice within the job's skip budget, recorded with its reason, and the
     * chunk goes on. Handled here rather than thrown to the step, because a write error
     * makes Spring Batch write the chunk's notices again one by one, and those before it
     * are already sent. When the budget is spent the step fails: then something bigger is
     * wrong.
     */
    private void skipRefused(PreparedNotice notice, RecipientRefusedException e) {
        long id = notice.pending().noticeId();
        String reason = REFUSED + id + " (deposit " + notice.pending().deposit().depositId() + ") for good ("
                + e.detail() + "): the mailbox is closed or the recipient does not exist; correct the"
                + " Digital Post address (for MeMo, the CPR number) or mark the person exempt in the registry; the next"
                + " run tries again";
        if (!skipBudget.spend()) {
            throw new SkipLimitExceededException(
                    "more notices than app.renewal.skip-limit could not go out in this run;" + " the last: " + reason);
        }
        records.markSkipped(id, reason);
        var context = StepSynchronizationManager.getContext();
        if (context != null) {
            StepExecution step = context.getStepExecution();
            step.setWriteSkipCount(step.getWriteSkipCount() + 1);
        }
        log.warn("Notice {} skipped: {}", id, reason);
    }

    /** More notices went bad than the job may skip. */
    static final class SkipLimitExceededException extends IllegalStateException {

        SkipLimitExceededException(String message) {
            super(message);
        }

    }

}
