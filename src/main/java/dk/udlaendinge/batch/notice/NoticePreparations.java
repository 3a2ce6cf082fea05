package dk.udlaendinge.batch.notice;

import java.time.Clock;
import java.time.LocalDate;

import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.delivery.DigitalPostSettings;
import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.delivery.DigitalPostLimits;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.delivery.MessageComposer;

/**
 * The one place a {@link NoticePreparation} is built: the send step, the dry run and the
 * benchmark prepare notices with the same levels, composers, limits and clock, so a dry
 * run cannot measure a notice differently from the run that sends it.
 */
public final class NoticePreparations {

    private final Folders folders;

    private final CaseDocumentSettings documents;

    private final DigitalPostSettings digitalPost;

    private final FullAmountLevels levels;

    private final DigitalPostLimits limits;

    private final MessageComposer composer;

    private final MemoComposer memo;

    private final Clock clock;

    public NoticePreparations(Folders folders, CaseDocumentSettings documents, DigitalPostSettings digitalPost,
            FullAmountLevels levels, DigitalPostLimits limits, MessageComposer composer, MemoComposer memo,
            Clock clock) {
        this.folders = folders;
        this.documents = documents;
        this.digitalPost = digitalPost;
        this.levels = levels;
        this.limits = limits;
        this.composer = composer;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * The limit of the run date, not of the day the job happens to run
     * (docs/RENEWAL-RULES.md §5).
     */
    public NoticePreparation forRunDate(LocalDate runDate) {
        return new NoticePreparation(runDate, levels, limits.on(runDate), composer,
                digitalPost.memoTransport() ? memo : null, clock, CaseDocumentLimits.of(folders, documents));
    }

}
