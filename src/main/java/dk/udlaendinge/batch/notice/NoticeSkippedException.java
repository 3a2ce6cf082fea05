package dk.udlaendinge.batch.notice;

/**
 * One notice cannot go out now, for a reason of its own record (a case document that is
 * gone or not a PDF, a Digital Post address that is not one address). The send step skips
 * it within the job's skip limit ({@link SkipBudget}), records this message as its
 * reason, and a later run retries it; the other notices go out. The message names the
 * notice, the deposit id or a file name, never personal data: it is stored in the
 * database and shown by status.
 */
public class NoticeSkippedException extends RuntimeException {

    public NoticeSkippedException(String reason) {
        super(reason);
    }

}
