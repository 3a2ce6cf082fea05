package dk.udlaendinge.batch.ops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;

import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * What every process that runs jobs does on SIGTERM: the command line ({@link Cli}) and
 * the benchmark's own launcher alike, so a benchmark stopped by an operator ends the way
 * a night's run does.
 */
public final class GracefulStop {

    private GracefulStop() {
    }

    /**
     * SIGTERM: stop running jobs at their next chunk boundary, wait for them to end
     * STOPPED, then end the process with the command's own exit code. Once SIGTERM has
     * started the JVM's shutdown, System.exit from main can no longer choose the status
     * (the JVM would end with 143), so the hook halts with it: the context is closed by
     * then.
     */
    public static void onSigterm(ConfigurableApplicationContext context, CountDownLatch finished,
            AtomicInteger exitCode) {
        if (finished.getCount() == 0) {
            return;
        }
        try {
            RunningJobs running = context.getBean(RunningJobs.class);
            JobOperator operator = context.getBean(JobOperator.class);
            running.refuseNewStarts();
            running.live().forEach(e -> {
                System.err.println("SIGTERM: stopping execution " + e.getId() + " of " + e.getJobInstance().getJobName()
                        + " at the next chunk boundary…");
                try {
                    operator.stop(e);
                }
                catch (Exception ex) {
                    System.err.println("could not stop execution " + e.getId() + ": " + ex.getMessage());
                }
            });
            context.getBean(Commands.class).stopDaemon();
        }
        catch (Exception e) {
            // the context may already be closing; nothing more to do
        }
        try {
            if (finished.await(5, TimeUnit.MINUTES)) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(exitCode.get());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
