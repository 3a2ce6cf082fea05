package dk.udlaendinge.batch.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.notice.RenewalSettings;
import dk.udlaendinge.batch.delivery.DigitalPostSettings;
import dk.udlaendinge.batch.common.batch.partition.PartitioningSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.CaseDocumentSettings;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.notice.RenewalReport;
import dk.udlaendinge.batch.notice.NoticePreparation;
import dk.udlaendinge.batch.notice.NoticePreparations;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.notice.PendingNotice;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.JobRunner;

/**
 * {@code ./run.sh bench}: N generated deposits in a scratch database, the renewal job run
 * to the outbox R times (notices cleared between runs), and two baselines measured in the
 * same process: a plain JDBC scan of the registry and single-threaded render-and-measure
 * of the same letters. Prints medians; the last line is machine-readable.
 */
final class Benchmark {

    /** The settings the benchmark reports and renders with, each from its feature. */
    record Settings(Folders folders, CaseDocumentSettings documents, RenewalSettings renewal,
            PartitioningSettings partitions, DigitalPostSettings digitalPost) {

        static Settings of(org.springframework.context.ApplicationContext context) {
            return new Settings(context.getBean(Folders.class), context.getBean(CaseDocumentSettings.class),
                    context.getBean(RenewalSettings.class), context.getBean(PartitioningSettings.class),
                    context.getBean(DigitalPostSettings.class));
        }
    }

    private final Settings app;

    private final JdbcTemplate jdbc;

    private final JobHistory history;

    private final RenewalReport report;

    private final JobRunner runner;

    private final Job renewalNoticeJob;

    private final NoticePreparations preparations;

    private final NoticeRepository records;

    private final Clock clock;

    private final PrintStream out;

    Benchmark(Settings app, JdbcTemplate jdbc, JobHistory history, JobRunner runner, Job renewalNoticeJob,
            NoticePreparations preparations, NoticeRepository records, Clock clock, PrintStream out) {
        this.app = app;
        this.jdbc = jdbc;
        this.history = history;
        this.report = new RenewalReport(jdbc);
        this.runner = runner;
        this.renewalNoticeJob = renewalNoticeJob;
        this.preparations = preparations;
        this.records = records;
        this.clock = clock;
        this.out = out;
    }

    int run(int deposits, LocalDate runDate, int repetitions, boolean firstNoticeOnly) {
        out.printf("bench: %d deposits, run date %s, %d repetitions, %d partitions (%s), %d cores, max heap %d MB%n",
                deposits, runDate, repetitions, app.partitions().partitions(), app.partitions().partitioningName(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Long.class);
        if (existing == null || existing != deposits) {
            jdbc.update("DELETE FROM renewal_notice");
            jdbc.update("DELETE FROM deposit");
            long t0 = System.nanoTime();
            BulkLoad.deposits(jdbc, deposits);
            out.printf("bench: generated and inserted %d deposits in %.1f s (not measured)%n", deposits,
                    (System.nanoTime() - t0) / 1e9);
        }

        if (firstNoticeOnly) {
            return firstNotice(deposits, runDate);
        }

        // baseline 1: the whole registry through plain JDBC
        List<Double> rawScan = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            long t = System.nanoTime();
            long[] n = { 0 };
            jdbc.query("SELECT deposit_id, expiry_date, renewable, permanent_residence_date FROM deposit", rs -> {
                n[0]++;
            });
            rawScan.add(n[0] / ((System.nanoTime() - t) / 1e9));
        }

        List<Double> scan = new ArrayList<>();
        List<Double> send = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<PartitionFigures> partitions = new ArrayList<>();
        long notices = 0;
        for (int r = 0; r < repetitions; r++) {
            jdbc.update("DELETE FROM renewal_notice");
            jdbc.update("DELETE FROM municipality_list");
            System.gc();
            resetPeaks();
            long t = System.nanoTime();
            FirstNoticeWatch watch = FirstNoticeWatch.start(report, t, null);
            JobRunner.Outcome outcome = runner.start(renewalNoticeJob,
                    new JobParametersBuilder().addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
                        .addLong("benchRun", System.currentTimeMillis())
                        .toJobParameters());
            double seconds = (System.nanoTime() - t) / 1e9;
            first.add(watch.stop());
            if (outcome.exitCode() != ExitCodes.COMPLETED) {
                out.println("bench: the job did not complete");
                return ExitCodes.FAILED;
            }
            JobExecution e = outcome.execution();
            StepExecution sendStep = step(e, RenewalNoticeJobConfiguration.SEND);
            notices = sendStep.getWriteCount();
            long selected = selected(runDate);
            // the send step walks the whole registry now (it selects as it sends): its
            // rate over the registry
            scan.add(deposits / seconds(sendStep));
            send.add(notices / seconds(sendStep));
            wall.add(seconds);
            heap.add(peakHeapMb());
            partitions
                .add(PartitionFigures.of(history.partitions(e.getId(), RenewalNoticeJobConfiguration.SEND_WORKER)));
            out.printf(
                    "bench: run %d: selected %d, first notice after %.2f s, send %d notices in %.2f s, job %.2f s,"
                            + " peak heap %d MB%n",
                    r + 1, selected, first.get(first.size() - 1), notices, seconds(sendStep), seconds,
                    heap.get(heap.size() - 1));
            out.printf("bench: run %d: send step: %s%n", r + 1, partitions.get(partitions.size() - 1));
        }

        // baseline 2: render and measure the same letters on one thread, nothing sent or
        // recorded
        NoticePreparation preparation = preparations.forRunDate(runDate); // as the send
                                                                          // step prepares
                                                                          // them
        List<PendingNotice> sample = records.firstNotices(2000);
        List<Double> raw = new ArrayList<>();
        for (int r = 0; r < repetitions && !sample.isEmpty(); r++) {
            long t = System.nanoTime();
            sample.forEach(preparation::process);
            raw.add(sample.size() / ((System.nanoTime() - t) / 1e9));
        }

        double scanMedian = median(scan);
        double sendMedian = median(send);
        out.printf("bench: baseline plain JDBC scan %.0f rows/s; send step (select while sending) %.0f deposits/s"
                + " (%.2fx the baseline)%n", median(rawScan), scanMedian, scanMedian / median(rawScan));
        if (!raw.isEmpty()) {
            out.printf("bench: baseline render+measure on 1 thread %.0f notices/s; send step %.0f notices/s (%.2fx)%n",
                    median(raw), sendMedian, sendMedian / median(raw));
        }
        out.printf("bench: first notice after %.2f s (median)%n", median(first));
        double partitionSeconds = median(partitions.stream().map(PartitionFigures::medianSeconds).toList());
        double partitionRate = median(partitions.stream().map(PartitionFigures::medianItemsPerSecond).toList());
        out.printf("bench: send step per partition (%s, median of the runs): %d partitions, %.2f s, %.0f notices/s%n",
                app.partitions().partitioningName(), partitions.get(0).partitions(), partitionSeconds, partitionRate);
        out.printf(
                "bench: deposits=%d scan_per_s=%.0f notices_per_s=%.0f wall_s=%.2f peak_heap_mb=%d"
                        + " partitioning=%s send_partitions=%d partition_s=%.2f partition_notices_per_s=%.0f%n",
                deposits, scanMedian, sendMedian, median(wall), Collections.max(heap),
                app.partitions().partitioningName(), partitions.get(0).partitions(), partitionSeconds, partitionRate);
        return ExitCodes.COMPLETED;
    }

    /**
     * {@code --first-notice}: the job once on a fresh notice table, stopped gracefully as
     * soon as its first notice is recorded as sent; reports how long that took, however
     * large the backlog. The stopped execution is left behind in the scratch database.
     */
    private int firstNotice(int deposits, LocalDate runDate) {
        jdbc.update("DELETE FROM renewal_notice");
        jdbc.update("DELETE FROM municipality_list");
        long t = System.nanoTime();
        FirstNoticeWatch watch = FirstNoticeWatch.start(report, t,
                () -> runner.stopRunning(renewalNoticeJob.getName()));
        JobRunner.Outcome outcome = runner.start(renewalNoticeJob,
                new JobParametersBuilder().addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
                    .addLong("benchRun", System.currentTimeMillis())
                    .toJobParameters());
        double firstSeconds = watch.stop();
        if (outcome.execution() == null || Double.isNaN(firstSeconds)) {
            out.println("bench: no notice was sent");
            return ExitCodes.FAILED;
        }
        StepExecution sendStep = step(outcome.execution(), RenewalNoticeJobConfiguration.SEND);
        double sendStarted = Duration.between(outcome.execution().getStartTime(), sendStep.getStartTime()).toNanos()
                / 1e9;
        // counted after the stop, so that the count does not delay the first notice
        RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, app.renewal().leadDays());
        long due = records.countDue(runDate, rule.horizon(runDate), 0, 9999) + selected(runDate);
        out.printf(
                "bench: %d deposits, %d notices due (%d selected when stopped); send step started after %.2f s;"
                        + " first notice sent after %.2f s; job stopped after %.2f s%n",
                deposits, due, selected(runDate), sendStarted, firstSeconds, (System.nanoTime() - t) / 1e9);
        out.printf("bench: deposits=%d first_notice_s=%.2f%n", deposits, firstSeconds);
        return ExitCodes.COMPLETED;
    }

    /**
     * The notices a run date selected (the bench empties the notice table before each
     * run).
     */
    private long selected(LocalDate runDate) {
        return report.totals(runDate).selected();
    }

    private static StepExecution step(JobExecution e, String name) {
        return e.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    private static double seconds(StepExecution s) {
        LocalDateTime end = s.getEndTime() == null ? LocalDateTime.now() : s.getEndTime();
        return Math.max(1e-3, Duration.between(s.getStartTime(), end).toNanos() / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Peak heap is taken as the most heap in use right after a collection (the live set),
     * over the run: eden peaks only show how lazily the collector runs, not what the job
     * keeps.
     */
    private static final java.util.concurrent.atomic.AtomicLong LIVE_PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((n, h) -> {
                    if (!(n.getUserData() instanceof javax.management.openmbean.CompositeData data)) {
                        return;
                    }
                    var after = com.sun.management.GarbageCollectionNotificationInfo.from(data)
                        .getGcInfo()
                        .getMemoryUsageAfterGc();
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP && after.containsKey(pool.getName())) {
                            used += after.get(pool.getName()).getUsed();
                        }
                    }
                    LIVE_PEAK.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    private static void resetPeaks() {
        LIVE_PEAK.set(0);
    }

    private static long peakHeapMb() {
        return LIVE_PEAK.get() >> 20;
    }

}
