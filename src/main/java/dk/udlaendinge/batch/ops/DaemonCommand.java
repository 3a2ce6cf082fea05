package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.annotation.Scope;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.notice.RenewalSettings;
import picocli.CommandLine.Command;

/**
 * {@code ./run.sh daemon}: keeps running and launches the renewal job on its schedule
 * ({@code app.schedule.renewal-cron}) until SIGTERM. The only job with a schedule is the
 * renewal job; the import and the quota workbooks are started by people.
 * {@code ./run.sh stop ID} of an execution running here stops that execution; the daemon
 * keeps running.
 */
@Component
@Scope("prototype")
@Command(name = "daemon",
        description = "keep running, launch the renewal job on its schedule (app.schedule.renewal-cron)"
                + " and serve the console")
final class DaemonCommand implements Callable<Integer>, ServesWeb {

    private static final Logger log = LoggerFactory.getLogger(DaemonCommand.class);

    private final RenewalLaunch renewals;

    private final Clock clock;

    private final RenewalSettings renewal;

    private final ScheduleSettings schedule;

    private final StopSignal stopSignal;

    private final RunFiles runFiles;

    private final RunningJobs running;

    private final JobOperator operator;

    DaemonCommand(RenewalLaunch renewals, Clock clock, RenewalSettings renewal, ScheduleSettings schedule,
            StopSignal stopSignal, RunFiles runFiles, RunningJobs running, JobOperator operator) {
        this.renewals = renewals;
        this.clock = clock;
        this.renewal = renewal;
        this.schedule = schedule;
        this.stopSignal = stopSignal;
        this.runFiles = runFiles;
        this.running = running;
        this.operator = operator;
    }

    @Override
    public Integer call() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.initialize();
        // The trigger only hands the run to this thread and returns: a cron task that ran
        // the job
        // itself would never fire while the job runs, and a missed firing would go
        // unlogged.
        ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "scheduled-renewal"));
        AtomicBoolean renewalRunning = new AtomicBoolean();
        ClockJumpGuard clockGuard = ClockJumpGuard.system(clock, renewal.futureMargin());
        String cron = schedule.renewalCron();
        if (!cron.equals("-")) {
            scheduler.schedule(() -> {
                if (stopSignal.received()) {
                    return; // stopping: no new run
                }
                String jumped = clockGuard.jumped();
                if (jumped != null) {
                    log.error("Scheduled renewal run refused: {}", jumped); // one line on
                                                                            // the
                                                                            // console,
                                                                            // and in the
                                                                            // log
                    return;
                }
                if (!renewalRunning.compareAndSet(false, true)) {
                    log.warn("Renewal schedule fired while {} still runs; skipped this time", renewals.jobName());
                    return;
                }
                jobs.execute(() -> {
                    try {
                        int code = renewals.renew(LocalDate.now(clock), false, System.out);
                        log.info("Scheduled renewal run finished with exit code {}", code);
                    }
                    catch (RuntimeException e) {
                        log.error("Scheduled renewal run could not start: {}", e.getMessage());
                    }
                    finally {
                        renewalRunning.set(false);
                    }
                });
            }, new CronTrigger(cron));
            System.out.println(
                    "Daemon: renewal runs on schedule '" + cron + "' (app.schedule.renewal-cron). Stop with SIGTERM.");
        }
        // ./run.sh stop ID of an execution running here: stop that execution, not the
        // daemon
        scheduler.scheduleWithFixedDelay(() -> Stopper.takeStopRequests(runFiles, running, operator),
                Duration.ofSeconds(1));
        try {
            stopSignal.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdown();
        // SIGTERM has asked a running job to stop at its next chunk boundary: let it end
        // STOPPED before the context (and the database) closes under it
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("A scheduled run did not stop within 5 minutes; ./run.sh status will show it as stale");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.COMPLETED;
    }

}
