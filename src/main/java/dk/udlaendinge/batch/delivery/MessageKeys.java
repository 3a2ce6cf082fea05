package dk.udlaendinge.batch.delivery;

import java.time.LocalDate;

/**
 * The business keys of everything sent, in one place: each message's Message-ID is
 * derived from its key ({@link MessageComposer#messageId}), and a second run recognises a
 * message it sent by it, so a key's form must never change. Keys hold no personal data: a
 * notice's id, a run date, a municipality code, a quota year and revision.
 */
public final class MessageKeys {

    private MessageKeys() {
    }

    /** A renewal notice: {@code notice-42}. Also the name of its paper letter's file. */
    public static String notice(long noticeId) {
        return "notice-" + noticeId;
    }

    /** A municipality's list of the run date's notices: {@code list-2015-01-02-101}. */
    public static String municipalityList(LocalDate runDate, int kommunekode) {
        return municipalityListsOf(runDate) + kommunekode;
    }

    /**
     * The common start of every municipality list key of the run date (for a SQL
     * {@code LIKE} with {@code %}).
     */
    public static String municipalityListsOf(LocalDate runDate) {
        return "list-" + runDate + "-";
    }

    /** A municipality's quota workbook of one revision: {@code quota.2015.r2.101}. */
    public static String quotaWorkbook(int year, int revision, int kommunekode) {
        return "quota." + year + ".r" + revision + "." + kommunekode;
    }

}
