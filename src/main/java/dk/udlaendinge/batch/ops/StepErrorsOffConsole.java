package dk.udlaendinge.batch.ops;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps Spring Batch's own ERROR lines about a failing step or job off the console. When
 * a step fails, Spring Batch logs three or four lines ("Retry exhausted…", "Rolling back
 * chunk transaction", "Encountered an error executing step…") before {@link JobRunner}
 * prints the outcome with its reason and how to continue; cron mails the console, so the
 * operator should read the failure once, in the runner's words (a full data disk, say, is
 * one line). The log file keeps every line, and {@code --verbose} shows them on the
 * console too.
 */
final class StepErrorsOffConsole extends Filter<ILoggingEvent> {

    /**
     * Spring Batch's step and job classes, whose failures the runner reports, and the
     * runner's own log line with the stack, which it prints as one line on the console
     * already.
     */
    private static final String[] REPORTED_BY_THE_RUNNER = { "org.springframework.batch.core.step.",
            "org.springframework.batch.core.job.", JobRunner.class.getName() };

    /**
     * Adds the filter to the console appender, unless the console shows INFO
     * ({@code --verbose}).
     */
    static void install(String consoleThreshold) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)
                || Level.toLevel(consoleThreshold, Level.WARN).isGreaterOrEqual(Level.WARN) == false) {
            return;
        }
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
        if (console != null
                && console.getCopyOfAttachedFiltersList().stream().noneMatch(f -> f instanceof StepErrorsOffConsole)) {
            StepErrorsOffConsole filter = new StepErrorsOffConsole();
            filter.start();
            console.addFilter(filter);
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() == Level.ERROR) {
            for (String prefix : REPORTED_BY_THE_RUNNER) {
                if (event.getLoggerName().startsWith(prefix)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

}
