package dk.udlaendinge.batch.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One step's partitions as the job repository recorded them, so that the cost of one partition
 * can be quoted (docs/PERFORMANCE.md): how many, the notices each wrote, the median duration and
 * the median rate of one partition. Durations are the partitions' own start and end times, taken
 * on the host that ran each (local threads or remote workers).
 */
record PartitionFigures(int partitions, long minItems, long medianItems, long maxItems, double medianSeconds,
        double medianItemsPerSecond) {

    static PartitionFigures of(JdbcTemplate jdbc, long jobExecutionId, String partitionStepName) {
        List<Long> items = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        jdbc.query("SELECT WRITE_COUNT, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                + " AND STEP_NAME LIKE ?", rs -> {
                    Timestamp start = rs.getTimestamp(2);
                    Timestamp end = rs.getTimestamp(3);
                    if (start == null || end == null) {
                        return;
                    }
                    double s = Math.max(1e-3, Duration.between(start.toInstant(), end.toInstant()).toNanos() / 1e9);
                    items.add(rs.getLong(1));
                    seconds.add(s);
                    rates.add(rs.getLong(1) / s);
                }, jobExecutionId, partitionStepName + ":%");
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
        return String.format("%d partitions, notices per partition %d/%d/%d (min/median/max), median partition"
                + " %.2f s, median %.0f notices/s per partition", partitions, minItems, medianItems, maxItems,
                medianSeconds, medianItemsPerSecond);
    }
}
