package dk.udlaendinge.batch.notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;

/**
 * Splits the 98 municipalities into contiguous ranges of kommunekode, one partition each.
 * The ranges are the unit of work for local threads and for remote workers; the execution
 * context holds only the two codes.
 * <p>
 * Without weights each range holds about as many municipalities. With weights (the send
 * step: each municipality's deposits due and notices pending) each range holds about as
 * much work, and its context the range's total weight ({@link #WEIGHT}): municipalities
 * differ tenfold in size, so equal counts of municipalities gave one of two send
 * partitions 63 % of the notices, and the step waited for it alone. The weights are read
 * once, when the step first splits; a restarted step keeps its ranges (Spring Batch
 * reuses the partitions' stored contexts), so a notice stays in the range that it was
 * counted in. The context holds the codes and one count, never an item.
 */
public final class MunicipalityRangePartitioner implements Partitioner {

    public static final String FROM = "fromCode";

    public static final String TO = "toCode";

    /**
     * The range's total weight, when weighed: the send partition's expected notices, for
     * its progress line.
     */
    public static final String WEIGHT = "weight";

    private final Supplier<Map<Integer, Long>> weights;

    /** Ranges of about as many municipalities each. */
    public MunicipalityRangePartitioner() {
        this(Map::of);
    }

    /**
     * Ranges of about as much weight each (kommunekode to weight; missing codes weigh 0).
     */
    public MunicipalityRangePartitioner(Supplier<Map<Integer, Long>> weights) {
        this.weights = weights;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<Integer> codes = Municipalities.all().list().stream().map(Municipality::kommunekode).sorted().toList();
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        Map<Integer, Long> weight = weights.get();
        for (int[] range : ranges(codes, weight, gridSize)) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(FROM, codes.get(range[0]));
            context.putInt(TO, codes.get(range[1]));
            if (!weight.isEmpty()) {
                context.putLong(WEIGHT,
                        codes.subList(range[0], range[1] + 1)
                            .stream()
                            .mapToLong(c -> Math.max(0, weight.getOrDefault(c, 0L)))
                            .sum());
            }
            partitions.put("municipalities" + codes.get(range[0]) + "-" + codes.get(range[1]), context);
        }
        return partitions;
    }

    /**
     * Contiguous, non-empty index ranges {from, to} (inclusive) over {@code codes}, as
     * many as {@code gridSize} allows (1 to the number of codes). Each boundary is put
     * where the running weight comes closest to its share of the total; with no weight at
     * all, by count.
     */
    static List<int[]> ranges(List<Integer> codes, Map<Integer, Long> weights, int gridSize) {
        int n = codes.size();
        int parts = Math.max(1, Math.min(gridSize, n));
        long[] running = new long[n]; // weight of codes[0..i]
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.max(0, weights.getOrDefault(codes.get(i), 0L));
            running[i] = total;
        }
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int lastAllowed = n - (parts - p); // leave one code for each range still to
                                               // come
            int to;
            if (p == parts - 1) {
                to = n - 1;
            }
            else if (total == 0) {
                to = n * (p + 1) / parts - 1;
            }
            else {
                double target = (double) total * (p + 1) / parts;
                to = from;
                while (to < lastAllowed && running[to] < target) {
                    to++;
                }
                if (to > from && target - running[to - 1] <= running[to] - target) {
                    to--; // the boundary before this code comes closer to the share
                }
            }
            to = Math.max(from, Math.min(to, lastAllowed));
            ranges.add(new int[] { from, to });
            from = to + 1;
        }
        return ranges;
    }

}
