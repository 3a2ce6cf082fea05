package dk.udlaendinge.batch.notice;

/**
 * A case document that the registry names is gone from disk. The notice is skipped with
 * this reason recorded, and retried by the next run once the document is back.
 */
public class CaseDocumentMissingException extends RuntimeException {

    public CaseDocumentMissingException(long noticeId, String fileName) {
        super("case document " + fileName + " of notice " + noticeId + " is missing or unreadable");
    }
}
