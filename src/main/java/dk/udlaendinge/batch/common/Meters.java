package dk.udlaendinge.batch.common;

import io.micrometer.core.instrument.Metrics;

/**
 * The application's own meters: their names and tags in one place, and the one way the
 * jobs and the gateways record them. They go to Micrometer's global registry, to which
 * Spring Boot adds its Prometheus registry
 * ({@code management.metrics.use-global-registry}, on by default), so a job package
 * counts without knowing the monitoring package; {@code monitoring} registers the same
 * meters with their descriptions and serves them. Tags hold only fixed words (a channel,
 * a reason, a gateway kind): never a notice, a deposit or a person.
 */
public final class Meters {

    /**
     * Notices recorded as sent, by {@code channel} (DIGITAL, PAPER) and routing
     * {@code reason}.
     */
    public static final String NOTICES_SENT = "udlaendinge.notices.sent";

    /**
     * Messages the mail gateway accepted (or the outbox wrote), by {@code gateway} (smtp,
     * outbox).
     */
    public static final String MAIL_SENT = "udlaendinge.mail.sent";

    /** Retries of a message after a transient gateway error, by {@code gateway}. */
    public static final String MAIL_RETRIES = "udlaendinge.mail.retries";

    /** Messages the gateway did not take after all retries, by {@code gateway}. */
    public static final String MAIL_FAILED = "udlaendinge.mail.failed";

    /**
     * Messages the receiver refused for good (a MeMo receiver's 4xx), by {@code gateway}:
     * the notice is skipped.
     */
    public static final String MAIL_REFUSED = "udlaendinge.mail.refused";

    /**
     * The {@code reason} tag of a notice that went by Digital Post, which needs no
     * reason.
     */
    public static final String NO_REASON = "NONE";

    public static final String SMTP = "smtp";

    public static final String OUTBOX = "outbox";

    /**
     * MeMo messages POSTed to the receiver, and MeMo messages written to the outbox
     * folder.
     */
    public static final String MEMO = "memo";

    public static final String MEMO_OUTBOX = "memo-outbox";

    private Meters() {
    }

    public static void noticeSent(String channel, String reason) {
        Metrics.counter(NOTICES_SENT, "channel", channel, "reason", reason == null ? NO_REASON : reason).increment();
    }

    public static void mailSent(String gateway) {
        Metrics.counter(MAIL_SENT, "gateway", gateway).increment();
    }

    public static void mailRetried(String gateway) {
        Metrics.counter(MAIL_RETRIES, "gateway", gateway).increment();
    }

    public static void mailFailed(String gateway) {
        Metrics.counter(MAIL_FAILED, "gateway", gateway).increment();
    }

    public static void mailRefused(String gateway) {
        Metrics.counter(MAIL_REFUSED, "gateway", gateway).increment();
    }

}
