package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.InvalidRecipientException;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.letter.DanishWorkingDays;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.notice.letter.NoticeMailText;
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

    /**
     * An overdue notice asks for a new security within this many days of the run date, moved to
     * the next working day when it falls on a weekend or holiday ({@link #overdueReplyBy}).
     */
    static final int OVERDUE_REPLY_DAYS = 30;

    private final LocalDate runDate;
    private final FullAmountLevels levels;
    private final long limitBytes;
    private final MessageComposer composer;
    private final Clock clock;
    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    public NoticePreparation(LocalDate runDate, FullAmountLevels levels, long limitBytes, MessageComposer composer,
            Clock clock) {
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
        List<Path> documents = pending.documents();
        for (Path doc : documents) {
            // the import checked it, but the disk may have changed since: the same checks again,
            // and the file is opened without following any symbolic link
            try {
                CaseDocumentRoot.check(doc);
            } catch (CaseDocumentRoot.Refused e) {
                throw new CaseDocumentMissingException(pending.noticeId(), doc.getFileName().toString(), e.getMessage());
            }
        }
        // the rule set, and the date to extend until, from the one rule class (docs/RENEWAL-RULES.md)
        SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(d);
        int levelYear = (d.applicationDate() != null ? d.applicationDate() : d.postedDate()).getYear();
        RenewalLetter letter = new RenewalLetter(pending.noticeId(), d.caseNumber(), d.referenceName(),
                d.addressLine(), d.postalCode(), d.city(), d.spouseName(), d.legalBasis().code(),
                d.securityForm().name(), d.danishTest().name(), d.postedDate(), pending.expiryDate(), amount, runDate,
                overdue, Municipalities.all().get(d.municipalityCode()).name(),
                overdue ? overdueReplyBy(runDate) : pending.expiryDate(),
                levels.level(term.set().track(), levelYear).orElse(null), d.applicationDate(), term.set(),
                term.extendUntil() != null && term.extendUntil().isAfter(pending.expiryDate()) ? term.extendUntil()
                        : null);
        byte[] pdf = renderer.render(letter, documents.size());

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(Attachment.of("brev-forlaengelse-af-sikkerhed.pdf", "application/pdf", pdf));
        // pre-filled with this notice's case and letter number: rendered per notice (docs/PERFORMANCE.md)
        attachments.add(Attachment.of("ansoegning-om-forlaengelse.pdf", "application/pdf", ExtensionForm.pdf(letter)));
        for (Path doc : documents) {
            attachments.add(Attachment.ofSource(doc.getFileName().toString(), "application/pdf",
                    () -> CaseDocumentRoot.open(doc)));
        }
        // a person exempt from Digital Post gets paper whatever the address column holds
        String to = d.digitalPostExempt() ? null : d.digitalPostAddress();
        OutgoingMessage outgoing = new OutgoingMessage(pending.key(), to, NoticeMailText.subject(letter),
                NoticeMailText.body(letter, documents.size()), attachments);
        MimeMessage mime;
        long bytes;
        try {
            mime = composer.compose(outgoing, clock.instant());
            bytes = MessageComposer.measure(mime);
        } catch (InvalidRecipientException e) {
            throw new NoticeSkippedException("digital post address of notice " + pending.noticeId() + " (deposit "
                    + d.depositId() + ") is not one plain address local@domain; correct it in the registry");
        } catch (UncheckedIOException e) {
            throw new NoticeSkippedException("a case document of notice " + pending.noticeId()
                    + " changed while the message was built: " + e.getMessage());
        }
        Routing routing = Routing.of(d.digitalPostExempt(), bytes, limitBytes);
        boolean digital = routing.channel() == Channel.DIGITAL;
        if (!digital) {
            requirePrintable(pending.noticeId(), documents);
        }
        return new PreparedNotice(pending, overdue, amount, routing, bytes, composer.messageId(pending.key()),
                digital ? mime : null, digital ? null : pdf);
    }

    /**
     * The deadline an overdue notice sets: 30 days after the run, or the first working day
     * after that when the 30th day is a Saturday, Sunday or public holiday. A deadline we set
     * ourselves is always a working day, so the letter states it once and needs no "if the day
     * falls on …" sentence (docs/RENEWAL-RULES.md §4, "The deadline").
     */
    static LocalDate overdueReplyBy(LocalDate runDate) {
        return DanishWorkingDays.onOrAfter(runDate.plusDays(OVERDUE_REPLY_DAYS));
    }

    /**
     * A paper letter's case documents are merged into the print batch later, where a document
     * that is not a readable PDF would otherwise fail the batch of every paper letter. Found
     * here, it skips this one notice with its reason, and the others are printed.
     */
    private static void requirePrintable(long noticeId, List<Path> documents) {
        for (Path doc : documents) {
            try (InputStream in = CaseDocumentRoot.open(doc);
                    PDDocument ignored = Loader.loadPDF(new RandomAccessReadBuffer(in))) {
                // parsed: the print batch can merge it
            } catch (CaseDocumentRoot.Refused e) {
                throw new CaseDocumentMissingException(noticeId, doc.getFileName().toString(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new CaseDocumentMissingException(noticeId, doc.getFileName().toString(),
                        "is not a readable PDF (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
