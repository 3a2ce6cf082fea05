package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.notice.RenewalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh renewal [--run-date YYYY-MM-DD] [--dry-run]}: the nightly
 * renewal-notice job, identified by its run date, so a rerun of a completed date sends
 * nothing again.
 */
@Component
@Scope("prototype")
@Command(name = "renewal", description = "the nightly renewal-notice job (run date defaults to today)")
final class RenewalCommand implements Callable<Integer> {

    private final RenewalLaunch launch;

    private final Clock clock;

    private final RenewalSettings renewal;

    @Spec
    CommandSpec spec;

    private LocalDate runDate;

    @Option(names = "--dry-run", order = 2)
    boolean dryRun;

    RenewalCommand(RenewalLaunch launch, Clock clock, RenewalSettings renewal) {
        this.launch = launch;
        this.clock = clock;
        this.renewal = renewal;
    }

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", order = 1)
    void runDate(String value) {
        runDate = OptionValues.date(spec, "run-date", value);
    }

    @Override
    public Integer call() {
        LocalDate today = LocalDate.now(clock);
        LocalDate date = runDate == null ? today : runDate;
        String future = dryRun ? null : tooFarAhead(date, today, renewal.futureMargin());
        if (future != null) {
            System.err.println("error: " + future);
            return ExitCodes.BAD_USAGE;
        }
        return launch.renew(date, dryRun, System.out);
    }

    /**
     * Why a run date after today is refused, or null when it is not beyond
     * {@code margin}. A run dates and sends real letters and records its notices: a
     * mistyped year (2041 for 2014) would send letters dated then and make the real
     * night's run select almost nothing. The margin (app.renewal.future-margin) allows a
     * run started just before midnight for the next day. A dry run sends and records
     * nothing, and may look at any date; the benchmark runs on a scratch database of its
     * own and is not asked.
     */
    static String tooFarAhead(LocalDate runDate, LocalDate today, Duration margin) {
        LocalDate latest = today.plusDays(margin.toDays());
        if (!runDate.isAfter(latest)) {
            return null;
        }
        return "the run date " + runDate + " is " + ChronoUnit.DAYS.between(today, runDate) + " day(s) after today ("
                + today + "); a renewal run may be at most " + margin.toDays()
                + " day(s) ahead (app.renewal.future-margin). Check --run-date (and the clock); --dry-run shows what"
                + " a later date would select without sending anything";
    }

}
