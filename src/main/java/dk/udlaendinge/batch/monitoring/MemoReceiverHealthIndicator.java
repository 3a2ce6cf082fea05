package dk.udlaendinge.batch.monitoring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dk.udlaendinge.batch.delivery.MemoGateway;
import dk.udlaendinge.batch.delivery.MemoHttpGateway;

/**
 * Health component {@code memoReceiver}: with {@code app.digital-post.transport: memo}
 * and an endpoint, it opens a TLS connection to the MeMo receiver with the client
 * certificate, completes the handshake and closes it, sending nothing
 * (docs/DIGITAL-POST.md). Without an endpoint the messages are written to the outbox
 * folder, and with the smtp transport the receiver is not used: both are choices, so UP
 * and said so.
 */
final class MemoReceiverHealthIndicator implements HealthIndicator {

    private final MemoGateway gateway;

    private final boolean used;

    MemoReceiverHealthIndicator(MemoGateway gateway, boolean used) {
        this.gateway = gateway;
        this.used = used;
    }

    @Override
    public Health health() {
        if (!used) {
            return Health.up().withDetail("mode", "not used (app.digital-post.transport: smtp)").build();
        }
        if (!(gateway instanceof MemoHttpGateway http)) {
            return Health.up()
                .withDetail("mode", "outbox")
                .withDetail("receiver",
                        "none configured (app.digital-post.memo.endpoint): messages are written"
                                + " as <messageUUID>.xml files")
                .build();
        }
        try {
            http.probe();
            return Health.up().withDetail("mode", "memo").withDetail("receiver", http.description()).build();
        }
        catch (Exception e) {
            return Health.down()
                .withDetail("mode", "memo")
                .withDetail("receiver", http.description())
                .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                .build();
        }
    }

}
