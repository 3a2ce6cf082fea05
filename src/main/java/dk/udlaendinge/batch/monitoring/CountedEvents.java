package dk.udlaendinge.batch.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * Registers the counters the jobs and gateways record through {@link Meters}, with their
 * descriptions, before anything is counted: every series a rule may ask about exists from
 * the start at 0, so {@code increase(...)} sees the first notice of a fresh daemon too.
 */
final class CountedEvents implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Routing routing : new Routing[] { Routing.DIGITAL, Routing.PAPER_SIZE, Routing.PAPER_ATTACHMENTS,
                Routing.PAPER_EXEMPT }) {
            Counter.builder(Meters.NOTICES_SENT)
                .description("Renewal notices recorded as sent, by channel (DIGITAL, PAPER) and the reason for"
                        + " paper (SIZE: over the Digital Post limit, ATTACHMENTS: more files than it allows,"
                        + " EXEMPT: exempt from Digital Post)")
                .tag("channel", routing.channel().name())
                .tag("reason", routing.reason() == null ? Meters.NO_REASON : routing.reason())
                .register(registry);
        }
        for (String gateway : new String[] { Meters.SMTP, Meters.OUTBOX, Meters.MEMO, Meters.MEMO_OUTBOX }) {
            Counter.builder(Meters.MAIL_SENT)
                .description("Messages (notices, municipality lists, quota workbooks) the mail gateway accepted,"
                        + " or the outbox wrote")
                .tag("gateway", gateway)
                .register(registry);
        }
        for (String gateway : new String[] { Meters.SMTP, Meters.MEMO }) {
            Counter.builder(Meters.MAIL_RETRIES)
                .description("Retries of a message after a transient gateway error")
                .tag("gateway", gateway)
                .register(registry);
            Counter.builder(Meters.MAIL_FAILED)
                .description("Messages the gateway did not take after all retries (the step fails)")
                .tag("gateway", gateway)
                .register(registry);
        }
        Counter.builder(Meters.MAIL_REFUSED)
            .description("MeMo messages the receiver refused for good (a 4xx): the notice is skipped with the reason")
            .tag("gateway", Meters.MEMO)
            .register(registry);
    }

}
