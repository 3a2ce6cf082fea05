package dk.udlaendinge.batch.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.progress.*}: the progress lines a command prints while its job runs
 * ({@link TerminalProgress}).
 *
 * @param terminal when to print them: {@code auto} (the default) only when stdout is a
 * terminal, so cron mails only the summary; {@code always} or {@code never} regardless
 * @param interval how often a line is printed; positive, as a zero would spin
 */
@Validated
@ConfigurationProperties("app.progress")
public record ProgressSettings(@NotNull @DefaultValue("auto") Terminal terminal,
        @NotNull @DurationMin(millis = 1, message = "must be positive") @DefaultValue("10s") Duration interval) {

    /** When the progress lines are printed. */
    public enum Terminal {

        /** Only when stdout is a terminal. */
        AUTO,
        /** Also under cron or into a file. */
        ALWAYS,
        /** Not at all. */
        NEVER

    }

}
