package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The daemon's check that its wall clock has not jumped forward. The renewal run takes
 * today as its run date: a clock set a month or years ahead (a wrong NTP server, a typo
 * in a manual {@code date -s}) would send letters dated then and make the real nights
 * select almost nothing. The monotonic clock ({@link System#nanoTime()}) cannot be set:
 * when the wall clock has run ahead of it since the daemon started by more than
 * {@code app.renewal.future-margin}, the clock has jumped, and a scheduled run is refused
 * with a line that says so. A clock that was corrected on purpose is accepted by
 * restarting the daemon. (A jump before the daemon started is beyond it;
 * {@code app.renewal.future-margin} still bounds a manual run date.)
 */
final class ClockJumpGuard {

    private final Clock clock;

    private final LongSupplier nanoTime;

    private final Duration margin;

    private final Instant wallAtStart;

    private final long nanosAtStart;

    ClockJumpGuard(Clock clock, LongSupplier nanoTime, Duration margin) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.margin = margin;
        this.wallAtStart = clock.instant();
        this.nanosAtStart = nanoTime.getAsLong();
    }

    static ClockJumpGuard system(Clock clock, Duration margin) {
        return new ClockJumpGuard(clock, System::nanoTime, margin);
    }

    /**
     * Null while the wall clock keeps to the monotonic one; else why a run must not start
     * now.
     */
    String jumped() {
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - nanosAtStart);
        Duration wall = Duration.between(wallAtStart, clock.instant());
        Duration ahead = wall.minus(elapsed);
        if (ahead.compareTo(margin) <= 0) {
            return null;
        }
        return "the clock jumped forward by " + describe(ahead) + " since the daemon started (" + wallAtStart
                + "), more than app.renewal.future-margin (" + describe(margin) + "): the scheduled renewal run for "
                + java.time.LocalDate.now(clock) + " is not started. Correct the clock; if the new time is right,"
                + " restart the daemon";
    }

    private static String describe(Duration d) {
        return d.toDays() >= 1 ? d.toDays() + " day(s)"
                : d.toHours() >= 1 ? d.toHours() + " hour(s)" : d.toMinutes() + " minute(s)";
    }

}
