package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.delivery.DigitalPostLimits;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.delivery.MemoOutboxGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.Routing;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;

/**
 * With the MeMo transport the size that decides digital or paper is the whole MeMo
 * message as it is sent (XML with base64 content, docs/DIGITAL-POST.md): a limit of
 * exactly that many bytes keeps the notice digital, one byte less sends it to paper for
 * SIZE; and the measured size is the size of the file the outbox writes.
 */
class MemoSizeAtTheLimitTest {

    private static final LocalDate RUN_DATE = LocalDate.parse("2026-12-07");

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T06:30:00Z"), ZoneOffset.UTC);

    private final MessageComposer mail = new MessageComposer("noreply@nyidanmark.dk",
            "udlaendinge-batch.nyidanmark.dk");

    private final MemoComposer memo = new MemoComposer(mail, "1.2", "77940413", "Udlændingestyrelsen");

    @TempDir
    Path outbox;

    @Test
    void theWholeMessageAtTheLimitIsDigitalAndOneByteOverIsPaper() throws Exception {
        PendingNotice pending = notice();
        PreparedNotice measured = prepare(pending, Long.MAX_VALUE);
        long bytes = measured.messageBytes();
        assertThat(measured.memo()).isNotNull();
        new MemoOutboxGateway().deliver(measured.memo(), outbox);
        assertThat(Files.size(outbox.resolve(measured.memo().fileName()))).isEqualTo(bytes);
        PreparedNotice atTheLimit = prepare(pending, bytes);
        assertThat(atTheLimit.messageBytes()).isEqualTo(bytes);
        assertThat(atTheLimit.routing()).isEqualTo(Routing.DIGITAL);
        assertThat(atTheLimit.memo()).isNotNull();

        PreparedNotice oneByteOver = prepare(pending, bytes - 1);
        assertThat(oneByteOver.routing()).isEqualTo(Routing.PAPER_SIZE);
        assertThat(oneByteOver.routing().channel()).isEqualTo(Channel.PAPER);
        assertThat(oneByteOver.memo()).isNull();
        // the letter travels base64-encoded: a third larger than the PDF, and counted so
        assertThat(bytes).isGreaterThan(oneByteOver.letterPdf().length * 4L / 3);

        // the same notice by mail is measured as a MIME message, of another size
        PreparedNotice byMail = new NoticePreparation(RUN_DATE, new FullAmountLevels(Map.of()), Long.MAX_VALUE, mail,
                clock)
            .process(pending);
        assertThat(byMail.messageBytes()).isNotEqualTo(bytes);
        assertThat(byMail.memo()).isNull();
    }

    private PreparedNotice prepare(PendingNotice pending, long limitBytes) {
        return new NoticePreparation(RUN_DATE, new FullAmountLevels(Map.of()),
                new DigitalPostLimits.Limit(limitBytes, Integer.MAX_VALUE, "test"), mail, memo, clock,
                CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes()))
            .process(pending);
    }

    private static PendingNotice notice() {
        Deposit t = DemoRegistry.generate(1, 7).get(0);
        Deposit d = new Deposit("MS-0001", "FAM/2013/000001", "030284-2917", "Jens Østergaard", "Vestergade 4", "5000",
                "Odense C", false, "jens@digitalpost.example", "Maria Santos", 461, t.legalBasis(), t.securityForm(),
                t.amountDkk(), t.postedDate(), t.permitGrantedDate(), null, t.danishTest());
        return new PendingNotice(1, RUN_DATE.plusDays(30), d, List.of());
    }

}
