package dk.udlaendinge.batch.notice;

/**
 * A case document that the registry names cannot be sent now: gone from disk, unreadable,
 * not a PDF, or reached through a symbolic link planted since the import. The notice is
 * skipped with this reason recorded, and retried by the next run once the document is fixed.
 */
public class CaseDocumentMissingException extends NoticeSkippedException {

    public CaseDocumentMissingException(long noticeId, String fileName) {
        this(noticeId, fileName, "is missing or unreadable");
    }

    public CaseDocumentMissingException(long noticeId, String fileName, String problem) {
        super("case document " + fileName + " of notice " + noticeId + " " + problem);
    }
}
