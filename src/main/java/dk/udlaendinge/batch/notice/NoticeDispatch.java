package dk.udlaendinge.batch.notice;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.Channel;

/**
 * Sends each prepared notice and records it as sent at once, one by one. The only window
 * for a double send is between the gateway accepting a message and that record being
 * committed; a resend from that window carries the same Message-ID.
 */
public class NoticeDispatch implements ItemWriter<PreparedNotice> {

    private final MailGateway gateway;
    private final NoticeRepository records;
    private final RenewalOutputs outputs;
    private final LocalDate runDate;
    private final Clock clock;

    public NoticeDispatch(MailGateway gateway, NoticeRepository records, RenewalOutputs outputs, LocalDate runDate,
            Clock clock) {
        this.gateway = gateway;
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
                gateway.send(notice.message(), notice.pending().key(), outbox);
            } else {
                OwnerOnlyFiles.write(outputs.paperLetter(runDate, notice.pending().key()), notice.letterPdf());
            }
            records.markSent(notice, runDate, clock.instant());
            Meters.noticeSent(notice.routing().channel().name(), notice.routing().reason());
        }
    }
}
