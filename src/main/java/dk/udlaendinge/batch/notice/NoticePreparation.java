package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.InvalidRecipientException;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.notice.letter.PrintBatch;
import dk.udlaendinge.batch.notice.letter.RenewalLetter;
import dk.udlaendinge.batch.notice.letter.RenewalLetterRenderer;
import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * Renders a pending notice's letter, builds the whole message with its attachments (letter,
 * extension form, case documents), measures it as it would be sent, and routes it by the
 * Digital Post rule. One instance per partition step, for its run date; the letter renderer it
 * holds is thread-safe ({@link RenewalLetterRenderer}), so sharing one would be safe too.
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
    private final FullAmountLevels levels;
    private final long limitBytes;
    private final MessageComposer composer;
    private final Clock clock;
    private final CaseDocumentLimits documentLimits;
    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    public NoticePreparation(LocalDate runDate, FullAmountLevels levels, long limitBytes, MessageComposer composer,
            Clock clock, CaseDocumentLimits documentLimits) {
        this.documentLimits = documentLimits;
        this.runDate = runDate;
        this.levels = levels;
        this.limitBytes = limitBytes;
        this.composer = composer;
        this.clock = clock;
    }

    @Override
    public PreparedNotice process(PendingNotice pending) {
        Deposit d = pending.deposit();
        boolean overdue = RenewalRule.isOverdue(pending.expiryDate(), runDate);
        // the security's own amount, as posted or as reduced: never re-indexed to the run year (SPEC §2)
        BigDecimal amount = d.amountDkk();
        List<StoredDocument> documents = pending.documents();
        for (StoredDocument doc : documents) {
            // the import checked it, but the disk may have changed since: the same checks again (size
            // and folder too), and the file is opened without following any symbolic link
            try {
                CaseDocumentRoot.check(doc.path(), documentLimits);
            } catch (CaseDocumentRoot.Refused e) {
                throw new CaseDocumentMissingException(pending.noticeId(), d.depositId(), doc, e.getMessage());
            }
        }
        RenewalLetter letter = new RenewalLetter(pending.noticeId(), d.caseNumber(), d.referenceName(),
                d.addressLine(), d.postalCode(), d.city(), d.spouseName(), d.legalBasis().code(),
                d.securityForm().name(), d.danishTest().name(), d.postedDate(), pending.expiryDate(), amount, runDate,
                overdue, Municipalities.all().get(d.municipalityCode()).name(),
                overdue ? runDate.plusDays(OVERDUE_REPLY_DAYS) : pending.expiryDate(),
                levels.level(d.postedDate().getYear()).orElse(null));
        byte[] pdf = renderer.render(letter);

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(Attachment.of("brev-forlaengelse-af-sikkerhed.pdf", "application/pdf", pdf));
        attachments.add(Attachment.of("ansoegning-om-forlaengelse.pdf", "application/pdf", ExtensionForm.pdf()));
        for (StoredDocument doc : documents) {
            // the recipient's own document under its own name (MessageComposer makes the name safe for a header)
            attachments.add(Attachment.ofSource(doc.path().getFileName().toString(), "application/pdf",
                    () -> CaseDocumentRoot.open(doc.path(), documentLimits)));
        }
        // a person exempt from Digital Post gets paper whatever the address column holds
        String to = d.digitalPostExempt() ? null : d.digitalPostAddress();
        OutgoingMessage outgoing = new OutgoingMessage(pending.key(), to, SUBJECT, BODY, attachments);
        MimeMessage mime;
        long bytes;
        try {
            mime = composer.compose(outgoing, clock.instant());
            bytes = MessageComposer.measure(mime);
        } catch (InvalidRecipientException e) {
            throw new NoticeSkippedException("digital post address of notice " + pending.noticeId() + " (deposit "
                    + d.depositId() + ") is not one plain address local@domain; correct it in the registry");
        } catch (UncheckedIOException e) {
            throw new NoticeSkippedException("a case document of notice " + pending.noticeId() + " (deposit "
                    + d.depositId() + ") changed while the message was built: " + ownWords(e));
        }
        Routing routing = Routing.of(d.digitalPostExempt(), bytes, limitBytes);
        boolean digital = routing.channel() == Channel.DIGITAL;
        if (!digital) {
            requirePrintable(pending.noticeId(), d.depositId(), pdf, documents);
        }
        return new PreparedNotice(pending, overdue, amount, routing, bytes, composer.messageId(pending.key()),
                digital ? mime : null, digital ? null : pdf);
    }

    /**
     * A paper letter's case documents are merged into the print batch later, where a document
     * that is not a readable PDF, or loads but cannot be merged (a malformed structure tree),
     * would otherwise cost the batch. The same merge is tried here ({@link PrintBatch#trial}):
     * a failure skips this one notice with its reason, and the others are printed.
     */
    private void requirePrintable(long noticeId, String depositId, byte[] letterPdf, List<StoredDocument> documents) {
        try {
            PrintBatch.trial(noticeId, letterPdf, documents.stream().map(StoredDocument::path).toList(), documentLimits);
        } catch (PrintBatch.EntryFailed e) {
            if (e.part() == 0) {
                throw new NoticeSkippedException("the letter of notice " + noticeId + " (deposit " + depositId + ") "
                        + e.problem());
            }
            throw new CaseDocumentMissingException(noticeId, depositId, documents.get(e.part() - 1), e.problem());
        }
    }

    /** The reason in our own words: a refusal's text, else only the kind of failure (never a path or file text). */
    private static String ownWords(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CaseDocumentRoot.Refused refused) {
                return "it " + refused.getMessage();
            }
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return "it could not be read (" + root.getClass().getSimpleName() + ")";
    }
}
