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
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.DigitalPostLimits;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.delivery.MemoMessage;
import dk.udlaendinge.batch.delivery.MemoWriter;
import dk.udlaendinge.batch.delivery.InvalidRecipientException;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.letter.DanishWorkingDays;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.notice.letter.NoticeMailText;
import dk.udlaendinge.batch.notice.letter.PrintBatch;
import dk.udlaendinge.batch.notice.letter.RenewalLetter;
import dk.udlaendinge.batch.notice.letter.RenewalLetterRenderer;
import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * Renders a pending notice's letter, builds the whole message with its attachments
 * (letter, extension form, case documents) for the transport of the run (a mail, or a
 * MeMo message), measures it as it would be sent, and routes it by the Digital Post limit
 * of the run date (docs/RENEWAL-RULES.md §5). One instance per partition step, for its
 * run date; the letter renderer it holds is thread-safe ({@link RenewalLetterRenderer}),
 * so sharing one would be safe too.
 */
public class NoticePreparation implements ItemProcessor<PendingNotice, PreparedNotice> {

    /**
     * An overdue notice asks for a new security within this many days of the run date,
     * moved to the next working day when it falls on a weekend or holiday
     * ({@link #overdueReplyBy}).
     */
    static final int OVERDUE_REPLY_DAYS = 30;

    private final LocalDate runDate;

    private final FullAmountLevels levels;

    private final DigitalPostLimits.Limit limit;

    private final MessageComposer composer;

    private final MemoComposer memo;

    private final Clock clock;

    private final CaseDocumentLimits documentLimits;

    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    /** One size limit, no cap on files, mail transport (the benchmark, tests). */
    public NoticePreparation(LocalDate runDate, FullAmountLevels levels, long limitBytes, MessageComposer composer,
            Clock clock) {
        this(runDate, levels, DigitalPostLimits.Limit.ofBytes(limitBytes), composer, null, clock,
                CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes()));
    }

    /**
     * {@code limit}: the Digital Post limit of the run date; {@code memo} null: each
     * digital notice is a mail ({@code app.digital-post.transport: smtp}), else a MeMo
     * message to the reference's CPR; {@code documentLimits}: the case documents' size
     * limit and the folders none may lie under.
     */
    public NoticePreparation(LocalDate runDate, FullAmountLevels levels, DigitalPostLimits.Limit limit,
            MessageComposer composer, MemoComposer memo, Clock clock, CaseDocumentLimits documentLimits) {
        this.documentLimits = documentLimits;
        this.runDate = runDate;
        this.levels = levels;
        this.limit = limit;
        this.composer = composer;
        this.memo = memo;
        this.clock = clock;
    }

    @Override
    public PreparedNotice process(PendingNotice pending) {
        Deposit d = pending.deposit();
        boolean overdue = RenewalRule.isOverdue(pending.expiryDate(), runDate);
        // the security's own amount, as posted or as reduced: never re-indexed to the run
        // year (docs/RENEWAL-RULES.md §3)
        BigDecimal amount = d.amountDkk();
        List<StoredDocument> documents = pending.documents();
        for (StoredDocument doc : documents) {
            // the import checked it, but the disk may have changed since: the same checks
            // again (size
            // and folder too), and the file is opened without following any symbolic link
            try {
                CaseDocumentRoot.check(doc.path(), documentLimits);
            }
            catch (CaseDocumentRoot.Refused e) {
                throw new CaseDocumentMissingException(pending.noticeId(), d.depositId(), doc, e.getMessage());
            }
        }
        // the rule set, and the date to extend until, from the one rule class
        // (docs/RENEWAL-RULES.md)
        SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(d);
        int levelYear = (d.applicationDate() != null ? d.applicationDate() : d.postedDate()).getYear();
        RenewalLetter letter = new RenewalLetter(pending.noticeId(), d.caseNumber(), d.referenceName(), d.addressLine(),
                d.postalCode(), d.city(), d.spouseName(), d.legalBasis().code(), d.securityForm().name(),
                d.danishTest().name(), d.postedDate(), pending.expiryDate(), amount, runDate, overdue,
                Municipalities.all().get(d.municipalityCode()).name(),
                overdue ? overdueReplyBy(runDate) : pending.expiryDate(),
                levels.level(term.set().track(), levelYear).orElse(null), d.applicationDate(), term.set(),
                term.extendUntil() != null && term.extendUntil().isAfter(pending.expiryDate()) ? term.extendUntil()
                        : null);
        byte[] pdf = renderer.render(letter, documents.size());

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(Attachment.of("brev-forlaengelse-af-sikkerhed.pdf", "application/pdf", pdf));
        // pre-filled with this notice's case and letter number: rendered per notice
        // (docs/PERFORMANCE.md)
        attachments.add(Attachment.of("ansoegning-om-forlaengelse.pdf", "application/pdf", ExtensionForm.pdf(letter)));
        for (StoredDocument doc : documents) {
            // the recipient's own document under its own name (MessageComposer makes the
            // name safe for a header)
            attachments.add(Attachment.ofSource(doc.path().getFileName().toString(), "application/pdf",
                    () -> CaseDocumentRoot.open(doc.path(), documentLimits)));
        }
        // a person exempt from Digital Post gets paper whatever the address column holds
        String to = d.digitalPostExempt() ? null : d.digitalPostAddress();
        MimeMessage mime = null;
        MemoMessage memoMessage = null;
        long bytes;
        try {
            if (memo != null) {
                memoMessage = memoMessage(pending, d, NoticeMailText.subject(letter), attachments);
                bytes = MemoWriter.measure(memoMessage);
            }
            else {
                OutgoingMessage outgoing = new OutgoingMessage(pending.key(), to, NoticeMailText.subject(letter),
                        NoticeMailText.body(letter, documents.size()), attachments);
                mime = composer.compose(outgoing, clock.instant());
                bytes = MessageComposer.measure(mime);
            }
        }
        catch (InvalidRecipientException e) {
            throw new NoticeSkippedException(memo != null
                    ? "the CPR number of notice " + pending.noticeId() + " (deposit " + d.depositId() + ") is not ten"
                            + " digits, so no MeMo message can be addressed to it; correct it in the registry"
                    : "digital post address of notice " + pending.noticeId() + " (deposit " + d.depositId()
                            + ") is not one plain address local@domain; correct it in the registry");
        }
        catch (UncheckedIOException e) {
            throw new NoticeSkippedException("a case document of notice " + pending.noticeId() + " (deposit "
                    + d.depositId() + ") changed while the message was built: " + ownWords(e));
        }
        // every file counts against the limit's number of files: the letter, the form and
        // each case document
        Routing routing = Routing.of(d.digitalPostExempt(), bytes, attachments.size(), limit);
        boolean digital = routing.channel() == Channel.DIGITAL;
        if (!digital) {
            requirePrintable(pending.noticeId(), d.depositId(), pdf, documents);
        }
        String messageId = memo != null ? memo.recordedId(pending.key()) : composer.messageId(pending.key());
        return new PreparedNotice(pending, overdue, amount, routing, bytes, messageId, digital ? mime : null,
                digital ? null : pdf, digital ? memoMessage : null);
    }

    /**
     * The notice as one MeMo message (docs/DIGITAL-POST.md): the letter as its main
     * document, the application form and each case document as additional documents, to
     * the reference's CPR.
     */
    private MemoMessage memoMessage(PendingNotice pending, Deposit d, String subject, List<Attachment> files) {
        MemoMessage.Document main = new MemoMessage.Document("brev", subject, files.get(0));
        List<MemoMessage.Document> additional = new ArrayList<>();
        additional.add(new MemoMessage.Document("ansoegningsskema", "Ansøgning om forlængelse", files.get(1)));
        for (int i = 2; i < files.size(); i++) {
            additional
                .add(new MemoMessage.Document("sagsdokument-" + (i - 1), "Sagens dokument " + (i - 1), files.get(i)));
        }
        return memo.toCitizen(pending.key(), subject, d.referenceCpr(), clock.instant(), main, additional);
    }

    /**
     * The deadline an overdue notice sets: 30 days after the run, or the first working
     * day after that when the 30th day is a Saturday, Sunday or public holiday. A
     * deadline we set ourselves is always a working day, so the letter states it once and
     * needs no "if the day falls on …" sentence (docs/RENEWAL-RULES.md §4, "The
     * deadline").
     */
    static LocalDate overdueReplyBy(LocalDate runDate) {
        return DanishWorkingDays.onOrAfter(runDate.plusDays(OVERDUE_REPLY_DAYS));
    }

    /**
     * A paper letter's case documents are merged into the print batch later, where a
     * document that is not a readable PDF, or loads but cannot be merged (a malformed
     * structure tree), would otherwise cost the batch. The same merge is tried here
     * ({@link PrintBatch#trial}): a failure skips this one notice with its reason, and
     * the others are printed.
     */
    private void requirePrintable(long noticeId, String depositId, byte[] letterPdf, List<StoredDocument> documents) {
        try {
            PrintBatch.trial(noticeId, letterPdf, documents.stream().map(StoredDocument::path).toList(),
                    documentLimits);
        }
        catch (PrintBatch.EntryFailed e) {
            if (e.part() == 0) {
                throw new NoticeSkippedException(
                        "the letter of notice " + noticeId + " (deposit " + depositId + ") " + e.problem());
            }
            throw new CaseDocumentMissingException(noticeId, depositId, documents.get(e.part() - 1), e.problem());
        }
    }

    /**
     * The reason in our own words: a refusal's text, else only the kind of failure (never
     * a path or file text).
     */
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
