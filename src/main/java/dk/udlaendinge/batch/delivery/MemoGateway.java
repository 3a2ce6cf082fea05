package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

/**
 * Where MeMo messages go ({@code app.digital-post.transport: memo}): the receiver at
 * {@code app.digital-post.memo.endpoint} over HTTPS with a client certificate, or (no
 * endpoint, the embedded default) {@code <uuid>.xml} files in the outbox folder.
 */
public interface MemoGateway {

    /**
     * Delivers one message. Throws {@link GatewayUnavailableException} when the receiver
     * could not be reached or kept failing after all retries (the step fails, as for a
     * mail gateway outage), and {@link MessageRefusedException} when it refused this
     * message for good (a 4xx answer).
     */
    void deliver(MemoMessage message, Path outboxDir);

    /** For logs, status and errors: which receiver this is (no secrets). */
    String description();

    /**
     * The health check: opens a connection (TLS with the client certificate for https)
     * and sends nothing. The outbox has nothing to open.
     */
    default void probe() throws java.io.IOException {
    }

}
