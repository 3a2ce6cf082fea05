package dk.udlaendinge.batch.common.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** What the progress line says, read from the log as an operator reads it. */
class ProgressLoggerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressLogger.class);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private Level level;

    @BeforeEach
    void listen() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        logger.setLevel(level);
    }

    @Test
    void theEndLineCountsTheStepAndTheTotalIncludesWhatARestartFoundDone() {
        StepExecution step = MetaDataInstanceFactory.createStepExecution("sendNotices", 7L);
        step.setReadCount(10); // a restart: 10 were done before
        ProgressLogger progress = new ProgressLogger("notices", s -> 90);
        progress.beforeStep(step);
        step.setReadCount(100);
        step.setWriteCount(97);
        step.setProcessSkipCount(3);

        progress.afterStep(step);

        assertThat(messages()).singleElement()
            .asString()
            .startsWith("sendNotices done: 100 of 100 notices read, 97 written, 3 skipped, ")
            .endsWith("/s")
            .doesNotContain("left");
    }

    @Test
    void anUnknownTotalIsNotGuessedAndAStepThatNeverStartedIsNotReported() {
        StepExecution step = MetaDataInstanceFactory.createStepExecution("importDeposits", 8L);
        ProgressLogger progress = new ProgressLogger("rows");
        progress.afterStep(step);
        assertThat(messages()).isEmpty();

        progress.beforeStep(step);
        step.setReadCount(5);
        progress.afterChunk(new Chunk<Object>(List.of("a"))); // outside a step's thread:
                                                              // nothing to report on
        progress.afterStep(step);

        assertThat(messages()).singleElement()
            .asString()
            .startsWith("importDeposits done: 5 rows read, 0 written,")
            .doesNotContain(" of ");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

}
