package dk.udlaendinge.batch.console;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import dk.udlaendinge.batch.delivery.GatewayUnavailableException;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.OutboxGateway;

/**
 * The real outbox gateway behind a gate the test opens message by message, so a run is
 * held while the browser watches it, whatever the machine's speed; or shut, as a gateway
 * that is down.
 */
final class GatedGateway implements MailGateway {

    private final MailGateway delivery = new OutboxGateway();

    private final Semaphore permits = new Semaphore(Integer.MAX_VALUE / 2);

    private volatile boolean down;

    void down(boolean down) {
        this.down = down;
    }

    /** Holds every message from now on until {@link #let} lets some through. */
    void hold() {
        permits.drainPermits();
    }

    void let(int messages) {
        permits.release(messages);
    }

    @Override
    public void send(MimeMessage message, String key, Path outboxDir) {
        if (down) {
            throw new GatewayUnavailableException("the test's gateway is down");
        }
        try {
            if (!permits.tryAcquire(10, TimeUnit.MINUTES)) {
                throw new GatewayUnavailableException("the test never opened the gate");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted at the gate");
        }
        delivery.send(message, key, outboxDir);
    }

    @Override
    public String description() {
        return "gated outbox (test)";
    }

}
