package dk.udlaendinge.batch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dk.udlaendinge.batch.common.batch.history.StepRun;

/**
 * One step's partitions as the job repository recorded them, so that the cost of one
 * partition can be quoted (docs/PERFORMANCE.md): how many, the notices each wrote, the
 * median duration and the median rate of one partition. Durations are the partitions' own
 * start and end times, taken on the host that ran each (local threads or remote workers).
 */
record PartitionFigures(int partitions, long minItems, long medianItems, long maxItems, double medianSeconds,
        double medianItemsPerSecond) {

    /**
     * The figures of one step's partitions (JobHistory.partitions); those that have not
     * ended are left out.
     */
    static PartitionFigures of(List<StepRun> partitionRuns) {
        List<Long> items = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (StepRun p : partitionRuns) {
            if (p.start() == null || p.end() == null) {
                continue;
            }
            double s = Math.max(1e-3, Duration.between(p.start(), p.end()).toNanos() / 1e9);
            items.add(p.written());
            seconds.add(s);
            rates.add(p.written() / s);
        }
        if (items.isEmpty()) {
            return new PartitionFigures(0, 0, 0, 0, 0, 0);
        }
        Collections.sort(items);
        return new PartitionFigures(items.size(), items.get(0), items.get(items.size() / 2),
                items.get(items.size() - 1), median(seconds), median(rates));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public String toString() {
        return String.format(
                "%d partitions, notices per partition %d/%d/%d (min/median/max), median partition"
                        + " %.2f s, median %.0f notices/s per partition",
                partitions, minItems, medianItems, maxItems, medianSeconds, medianItemsPerSecond);
    }
}
