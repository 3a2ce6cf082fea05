package dk.udlaendinge.batch.notice;

/**
 * A case document that the registry names cannot be sent now: gone from disk, unreadable,
 * not a PDF, or reached through a symbolic link planted since the import. The notice is
 * skipped with this reason recorded, and retried by the next run once the document is
 * fixed.
 */
public class CaseDocumentMissingException extends NoticeSkippedException {

    /**
     * @param problem what is wrong, in our own words: never text read from the file or
     * its name
     */
    public CaseDocumentMissingException(long noticeId, String depositId, StoredDocument document, String problem) {
        super("case document of notice " + noticeId + " (" + document.describe(depositId) + ") " + problem);
    }

}
