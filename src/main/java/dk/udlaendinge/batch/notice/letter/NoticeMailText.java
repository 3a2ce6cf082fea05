package dk.udlaendinge.batch.notice.letter;

/**
 * The subject and plain-text body of the Digital Post message that carries a renewal
 * notice (docs/RENEWAL-RULES.md §4): the body names exactly what is attached, so "sagens
 * dokumenter" only when the case has documents to send.
 */
public final class NoticeMailText {

    private NoticeMailText() {
    }

    /**
     * The letter's own title: "Forlængelse af …", or for an overdue notice "Ny økonomisk
     * sikkerhed …".
     */
    public static String subject(RenewalLetter letter) {
        return RenewalLetterText.subject(letter);
    }

    /**
     * @param caseDocuments how many case documents are attached besides the letter and
     * the form
     */
    public static String body(RenewalLetter letter, int caseDocuments) {
        String attached = caseDocuments > 0
                ? "Brevet er vedhæftet som PDF sammen med ansøgningsskemaet og en kopi af sagens dokumenter ("
                        + caseDocuments + (caseDocuments == 1 ? " dokument)." : " dokumenter).")
                : "Brevet er vedhæftet som PDF sammen med ansøgningsskemaet.";
        String about = letter.overdue() ? "om ny økonomisk sikkerhed, fordi den hidtidige er udløbet"
                : "om forlængelse af den økonomiske sikkerhed i din sag";
        return RenewalLetterText.AGENCY + " har sendt dig et brev " + about + ".\n\n" + attached + "\n\n"
                + "Send den udfyldte ansøgning og dokumentationen fra dit pengeinstitut med Digital Post til "
                + RenewalLetterText.AGENCY + " (på " + RenewalLetterText.DIGITAL_POST_ROUTE + ") eller med almindelig"
                + " post til " + RenewalLetterText.AGENCY + ", "
                + RenewalLetterText.POSTAL_ADDRESS.replace('\u00a0', ' ') + ". Fristen står i brevet.\n\n"
                + "Har du spørgsmål, kan du ringe til " + RenewalLetterText.AGENCY + " på telefon 35 36 66 00\n"
                + "(mandag 8-15, tirsdag-onsdag 10-15, torsdag 12-17, fredag 10-13).\n\n" + "Med venlig hilsen\n"
                + RenewalLetterText.AGENCY + "\n";
    }

}
