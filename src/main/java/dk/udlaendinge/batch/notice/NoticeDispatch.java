package dk.udlaendinge.batch.notice;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MemoGateway;
import dk.udlaendinge.batch.delivery.MessageRefusedException;
import dk.udlaendinge.batch.delivery.Channel;

/**
 * Sends each prepared notice and records it as sent at once, one by one. The only window
 * for a double send is between the gateway accepting a message and that record being
 * committed; a resend from that window carries the same Message-ID (mail) or the same
 * messageUUID (MeMo).
 *
 * <p>A MeMo receiver that refuses one message for good ({@link MessageRefusedException}) does not
 * stop the others: the notice is recorded as skipped with the status and the receiver's reason,
 * right here, and counted against the job's {@link SkipBudget}; over the budget the step fails.
 * (Handled in the writer, not by the step's skip machinery, because a skip in the writer would
 * make Spring Batch send the chunk's other notices again one by one.)
 */
public class NoticeDispatch implements ItemWriter<PreparedNotice> {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatch.class);

    private final MailGateway gateway;
    private final MemoGateway memoGateway;
    private final SkipBudget skipBudget;
    private final NoticeRepository records;
    private final RenewalOutputs outputs;
    private final LocalDate runDate;
    private final Clock clock;

    public NoticeDispatch(MailGateway gateway, NoticeRepository records, RenewalOutputs outputs, LocalDate runDate,
            Clock clock) {
        this(gateway, null, null, records, outputs, runDate, clock);
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
        for (PreparedNotice notice : chunk) {
            if (notice.routing().channel() == Channel.DIGITAL) {
                if (notice.memo() != null) {
                    try {
                        memoGateway.deliver(notice.memo(), outbox);
                    } catch (MessageRefusedException e) {
                        refused(notice, e);
                        continue;
                    }
                } else {
                    gateway.send(notice.message(), notice.pending().key(), outbox);
                }
            } else {
                OwnerOnlyFiles.write(outputs.paperLetter(runDate, notice.pending().key()), notice.letterPdf());
            }
            records.markSent(notice, runDate, clock.instant());
            Meters.noticeSent(notice.routing().channel().name(), notice.routing().reason());
        }
    }

    private void refused(PreparedNotice notice, MessageRefusedException e) {
        String reason = "notice " + notice.pending().noticeId() + ": " + e.getMessage();
        records.markSkipped(notice.pending().noticeId(), reason);
        log.warn("Skipped {}", reason);
        if (skipBudget != null && !skipBudget.shouldSkip(new NoticeSkippedException(reason), 0)) {
            throw new IllegalStateException("more notices were skipped than app.renewal.skip-limit allows; the last: "
                    + reason);
        }
    }
}
