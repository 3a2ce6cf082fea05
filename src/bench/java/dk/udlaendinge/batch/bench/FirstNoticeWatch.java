package dk.udlaendinge.batch.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dk.udlaendinge.batch.notice.RenewalReport;

/**
 * The benchmark's stopwatch for the first notice: polls the notice table while the job
 * runs and notes when the first notice is recorded as sent (to within the poll interval),
 * then runs {@code onFirst} once (the {@code --first-notice} mode stops the job there).
 */
final class FirstNoticeWatch {

    private static final long POLL_MILLIS = 50;

    private final CountDownLatch done = new CountDownLatch(1);

    private final Thread thread;

    private volatile double seconds = Double.NaN;

    private FirstNoticeWatch(RenewalReport report, long startNanos, Runnable onFirst) {
        thread = new Thread(() -> {
            try {
                while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (report.anySent()) {
                        seconds = (System.nanoTime() - startNanos) / 1e9;
                        if (onFirst != null) {
                            onFirst.run();
                        }
                        return;
                    }
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-first-notice");
        thread.setDaemon(true);
    }

    static FirstNoticeWatch start(RenewalReport report, long startNanos, Runnable onFirst) {
        FirstNoticeWatch w = new FirstNoticeWatch(report, startNanos, onFirst);
        w.thread.start();
        return w;
    }

    /**
     * Ends the watch; the seconds from the start to the first sent notice, or NaN if none
     * was seen.
     */
    double stop() {
        done.countDown();
        try {
            thread.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return seconds;
    }

}
