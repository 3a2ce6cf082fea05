package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The daemon's scheduled run is refused once the wall clock has run ahead of the
 * monotonic clock by more than app.renewal.future-margin (issue 20, item 7): the wall
 * clock and the monotonic clock are set here, as a jump would set them.
 */
class ClockJumpGuardTest {

    private final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-12-07T01:30:00Z"));

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return wall.get();
        }
    };

    private void pass(Duration wallTime, Duration monotonic) {
        wall.set(wall.get().plus(wallTime));
        nanos.addAndGet(monotonic.toNanos());
    }

    @Test
    void nightsPassingNormallyAreNoJump() {
        ClockJumpGuard guard = new ClockJumpGuard(clock, nanos::get, Duration.ofDays(1));
        for (int night = 0; night < 30; night++) {
            pass(Duration.ofDays(1), Duration.ofDays(1));
            assertThat(guard.jumped()).isNull();
        }
        pass(Duration.ofHours(23), Duration.ZERO); // an hour's NTP step or a summer time
                                                   // change is within the margin
        assertThat(guard.jumped()).isNull();
    }

    @Test
    void aClockSetYearsAheadIsRefusedAndSaysSo() {
        ClockJumpGuard guard = new ClockJumpGuard(clock, nanos::get, Duration.ofDays(1));
        pass(Duration.ofDays(1), Duration.ofDays(1));
        pass(Duration.ofDays(365L * 15), Duration.ZERO); // 2026 -> 2041 in an instant
        assertThat(guard.jumped()).startsWith("the clock jumped forward by 5475 day(s) since the daemon started")
            .contains("app.renewal.future-margin (1 day(s))")
            .contains("renewal run for 2041-")
            .contains("Correct the clock")
            .doesNotContain("\n");
    }

    @Test
    void aJumpJustOverTheMarginIsRefusedAndOneWithinItIsNot() {
        ClockJumpGuard guard = new ClockJumpGuard(clock, nanos::get, Duration.ofHours(6));
        pass(Duration.ofHours(6), Duration.ZERO);
        assertThat(guard.jumped()).isNull();
        pass(Duration.ofMinutes(1), Duration.ZERO);
        assertThat(guard.jumped()).contains("jumped forward by 6 hour(s)");
    }

}
