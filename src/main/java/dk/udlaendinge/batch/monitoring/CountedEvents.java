package dk.udlaendinge.batch.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.delivery.Routing;

/**
 * Registers the counters the jobs and gateways record through {@link Meters}, with their
 * descriptions, before anything is counted: every series a rule may ask about exists from the
 * start at 0, so {@code increase(...)} sees the first notice of a fresh daemon too.
 */
final class CountedEvents implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Routing routing : new Routing[] {Routing.DIGITAL, Routing.PAPER_SIZE, Routing.PAPER_EXEMPT}) {
            Counter.builder(Meters.NOTICES_SENT)
                    .description("Renewal notices recorded as sent, by channel (DIGITAL, PAPER) and the reason for"
                            + " paper (SIZE: over the Digital Post limit, EXEMPT: exempt from Digital Post)")
                    .tag("channel", routing.channel().name())
                    .tag("reason", routing.reason() == null ? Meters.NO_REASON : routing.reason())
                    .register(registry);
        }
        for (String gateway : new String[] {Meters.SMTP, Meters.OUTBOX}) {
            Counter.builder(Meters.MAIL_SENT)
                    .description("Messages (notices, municipality lists, quota workbooks) the mail gateway accepted,"
                            + " or the outbox wrote")
                    .tag("gateway", gateway).register(registry);
        }
        Counter.builder(Meters.MAIL_RETRIES).description("Retries of a message after a transient mail gateway error")
                .tag("gateway", Meters.SMTP).register(registry);
        Counter.builder(Meters.MAIL_FAILED)
                .description("Messages the mail gateway did not take after all retries (the step fails)")
                .tag("gateway", Meters.SMTP).register(registry);
    }
}
