package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Which lines the console is spared: Spring Batch's step and job ERRORs only, never a
 * warning or our own.
 */
class StepErrorsOffConsoleTest {

    private final LoggerContext context = new LoggerContext();

    private final StepErrorsOffConsole filter = new StepErrorsOffConsole();

    @Test
    void springBatchStepAndJobErrorsAndTheRunnersStackAreKeptOff() {
        assertThat(filter.decide(event("org.springframework.batch.core.step.AbstractStep", Level.ERROR)))
            .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.springframework.batch.core.step.item.ChunkOrientedStep", Level.ERROR)))
            .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.springframework.batch.core.job.AbstractJob", Level.ERROR)))
            .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event(JobRunner.class.getName(), Level.ERROR))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void warningsAndOtherErrorsStillReachTheConsole() {
        assertThat(filter.decide(event("org.springframework.batch.core.step.AbstractStep", Level.WARN)))
            .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(JobRunner.class.getName(), Level.WARN))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration", Level.ERROR)))
            .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter
            .decide(event("org.springframework.batch.core.repository.support.SimpleJobRepository", Level.ERROR)))
            .isEqualTo(FilterReply.NEUTRAL);
    }

    private LoggingEvent event(String logger, Level level) {
        return new LoggingEvent(getClass().getName(), context.getLogger(logger), level, "message", null, null);
    }

}
