package dk.udlaendinge.batch.notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;

/**
 * Splits the 98 municipalities into contiguous ranges of kommunekode, one partition each.
 * The ranges are the unit of work for local threads today and for remote workers over a
 * broker later; the execution context holds only the two codes.
 */
public final class MunicipalityRangePartitioner implements Partitioner {

    public static final String FROM = "fromCode";
    public static final String TO = "toCode";

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<Integer> codes = new ArrayList<>(Municipalities.all().list().stream().map(Municipality::kommunekode).toList());
        int parts = Math.max(1, Math.min(gridSize, codes.size()));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int p = 0; p < parts; p++) {
            int from = codes.size() * p / parts;
            int to = codes.size() * (p + 1) / parts - 1;
            ExecutionContext context = new ExecutionContext();
            context.putInt(FROM, codes.get(from));
            context.putInt(TO, codes.get(to));
            partitions.put("municipalities" + codes.get(from) + "-" + codes.get(to), context);
        }
        return partitions;
    }
}
