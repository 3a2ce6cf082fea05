package dk.udlaendinge.batch.ops;

import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.console.time-zone}: the zone the operators read times in, on the console's
 * pages and in {@code ./run.sh status}. Its own record here rather than in the console's
 * settings, because the command line (ops) shows times too and sits below the console.
 * Bound as text and checked here, so that a refusal names the key and the value rather
 * than only Java's message.
 *
 * @param timeZone a zone name such as Europe/Copenhagen (the default)
 */
@Validated
@ConfigurationProperties("app.console")
public record TimeZoneSettings(@DefaultValue("Europe/Copenhagen") String timeZone) {

    /** The zone; only after the check below passed. */
    public ZoneId zone() {
        return ZoneId.of(timeZone.strip());
    }

    /** Named after the setting, so that a refusal names app.console.time-zone. */
    @AssertTrue(message = "must be a time zone such as Europe/Copenhagen")
    boolean isTimeZone() {
        try {
            zone();
            return true;
        }
        catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

}
