package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * The embedded default of the MeMo transport: each message becomes
 * {@code <outbox>/<uuid>.xml}, owner-only and written atomically (a temporary file moved
 * into place); a resend rewrites the same file, because the same notice always has the
 * same UUID.
 */
public final class MemoOutboxGateway implements MemoGateway {

    @Override
    public void deliver(MemoMessage message, Path outboxDir) {
        OwnerOnlyFiles.write(outboxDir.resolve(message.fileName()), out -> MemoWriter.write(message, out));
        Meters.mailSent(Meters.MEMO_OUTBOX);
    }

    @Override
    public String description() {
        return "MeMo outbox folder (no app.digital-post.memo.endpoint configured)";
    }

}
