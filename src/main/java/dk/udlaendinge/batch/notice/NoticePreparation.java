package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.notice.letter.RenewalLetter;
import dk.udlaendinge.batch.notice.letter.RenewalLetterRenderer;
import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * Renders a pending notice's letter, builds the whole message with its attachments (letter,
 * extension form, case documents), measures it as it would be sent, and routes it by the
 * Digital Post rule. One instance per partition step: the renderer is not shared between threads.
 */
public class NoticePreparation implements ItemProcessor<PendingNotice, PreparedNotice> {

    static final String SUBJECT = "Forlængelse af økonomisk sikkerhed";
    static final String BODY = """
            Udlændingestyrelsen har sendt dig et brev om forlængelse af den økonomiske sikkerhed i din sag.

            Brevet er vedhæftet som PDF sammen med ansøgningsskemaet og sagens dokumenter.

            Har du spørgsmål, kan du ringe til Udlændingestyrelsen på telefon 35 36 66 00
            (mandag 8-15, tirsdag-onsdag 10-15, torsdag 12-17, fredag 10-13).

            Med venlig hilsen
            Udlændingestyrelsen
            """;
    /** An overdue notice asks for a new security within this many days of the run date. */
    static final int OVERDUE_REPLY_DAYS = 30;

    private final LocalDate runDate;
    private final RenewalAmounts amounts;
    private final long limitBytes;
    private final MessageComposer composer;
    private final NoticeRecords records;
    private final Clock clock;
    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    public NoticePreparation(LocalDate runDate, RenewalAmounts amounts, long limitBytes, MessageComposer composer,
            NoticeRecords records, Clock clock) {
        this.runDate = runDate;
        this.amounts = amounts;
        this.limitBytes = limitBytes;
        this.composer = composer;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public PreparedNotice process(PendingNotice pending) {
        Deposit d = pending.deposit();
        boolean overdue = RenewalRule.isOverdue(pending.expiryDate(), runDate);
        BigDecimal amount = amounts.required(runDate.getYear(), d.danishTest());
        List<Path> documents = records.caseDocuments(d.depositId());
        for (Path doc : documents) {
            if (!Files.isRegularFile(doc) || !Files.isReadable(doc)) {
                throw new CaseDocumentMissingException(pending.noticeId(), doc.getFileName().toString());
            }
        }
        RenewalLetter letter = new RenewalLetter(pending.noticeId(), d.caseNumber(), d.referenceName(),
                d.addressLine(), d.postalCode(), d.city(), d.spouseName(), d.legalBasis().code(),
                d.securityForm().name(), d.danishTest().name(), d.postedDate(), pending.expiryDate(), amount, runDate,
                overdue, Municipalities.all().get(d.municipalityCode()).name(),
                overdue ? runDate.plusDays(OVERDUE_REPLY_DAYS) : pending.expiryDate());
        byte[] pdf = renderer.render(letter);

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(Attachment.of("brev-forlaengelse-af-sikkerhed.pdf", "application/pdf", pdf));
        attachments.add(Attachment.of("ansoegning-om-forlaengelse.pdf", "application/pdf", ExtensionForm.pdf()));
        for (Path doc : documents) {
            attachments.add(Attachment.ofFile(doc.getFileName().toString(), "application/pdf", doc));
        }
        OutgoingMessage outgoing = new OutgoingMessage(pending.key(), d.digitalPostAddress(), SUBJECT, BODY, attachments);
        MimeMessage mime = composer.compose(outgoing, clock.instant());
        long bytes = MessageComposer.measure(mime);
        Routing routing = Routing.of(d.digitalPostExempt(), bytes, limitBytes);
        boolean digital = routing.channel() == Channel.DIGITAL;
        return new PreparedNotice(pending, overdue, amount, routing, bytes, composer.messageId(pending.key()),
                digital ? mime : null, digital ? null : pdf);
    }
}
