package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;

/**
 * The partitions of the renewal job's two partitioned steps: every municipality in
 * exactly one range.
 */
class MunicipalityRangePartitionerTest {

    private static final List<Integer> CODES = Municipalities.all()
        .list()
        .stream()
        .map(Municipality::kommunekode)
        .sorted()
        .toList();

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 4, 7, 16, 97, 98 })
    void rangesAreContiguousCoverEveryMunicipalityOnceAndDifferInSizeByOneAtMost(int gridSize) {
        Map<String, ExecutionContext> partitions = new MunicipalityRangePartitioner().partition(gridSize);

        assertThat(partitions).hasSize(gridSize);
        List<Integer> covered = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Map.Entry<String, ExecutionContext> p : partitions.entrySet()) {
            int from = p.getValue().getInt(MunicipalityRangePartitioner.FROM);
            int to = p.getValue().getInt(MunicipalityRangePartitioner.TO);
            assertThat(p.getKey()).isEqualTo("municipalities" + from + "-" + to);
            assertThat(p.getValue().size()).as("only the two codes travel").isEqualTo(2);
            List<Integer> range = CODES.stream().filter(c -> c >= from && c <= to).toList();
            assertThat(range).as(p.getKey()).isNotEmpty().startsWith(from).endsWith(to);
            covered.addAll(range);
            sizes.add(range.size());
        }
        assertThat(covered).as("each municipality once, in order").isEqualTo(CODES);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().getAsInt()
                - sizes.stream().mapToInt(Integer::intValue).min().getAsInt())
            .isLessThanOrEqualTo(1);
    }

    @Test
    void moreOrFewerPartitionsThanMunicipalitiesAreBoundedByOneAndNinetyEight() {
        assertThat(CODES).hasSize(98);
        assertThat(new MunicipalityRangePartitioner().partition(500)).hasSize(98);
        Map<String, ExecutionContext> one = new MunicipalityRangePartitioner().partition(0);
        assertThat(one).hasSize(1);
        ExecutionContext all = one.values().iterator().next();
        assertThat(all.getInt(MunicipalityRangePartitioner.FROM)).isEqualTo(CODES.get(0));
        assertThat(all.getInt(MunicipalityRangePartitioner.TO)).isEqualTo(CODES.get(97));
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 3, 4, 6, 16 })
    void withPendingCountsEachRangeHoldsAboutAsManyNoticesAndEveryMunicipalityOnce(int gridSize) {
        // sizes as uneven as Denmark's: a few large municipalities, many small ones
        Map<Integer, Long> pending = new java.util.HashMap<>();
        for (int i = 0; i < CODES.size(); i++) {
            pending.put(CODES.get(i), i % 10 == 0 ? 1_500L : 60L + i);
        }
        long total = pending.values().stream().mapToLong(Long::longValue).sum();
        long largest = pending.values().stream().mapToLong(Long::longValue).max().getAsLong();

        Map<String, ExecutionContext> partitions = new MunicipalityRangePartitioner(() -> pending).partition(gridSize);

        assertThat(partitions).hasSize(gridSize);
        List<Integer> covered = new ArrayList<>();
        for (ExecutionContext c : partitions.values()) {
            int from = c.getInt(MunicipalityRangePartitioner.FROM);
            int to = c.getInt(MunicipalityRangePartitioner.TO);
            List<Integer> range = CODES.stream().filter(code -> code >= from && code <= to).toList();
            assertThat(range).isNotEmpty();
            covered.addAll(range);
            long weight = range.stream().mapToLong(pending::get).sum();
            // a boundary falls between two municipalities: a range is off its share by at
            // most the largest one
            assertThat((double) weight).as("range %d-%d", from, to)
                .isCloseTo((double) total / gridSize, org.assertj.core.data.Offset.offset((double) largest));
        }
        assertThat(covered).isEqualTo(CODES);
    }

    @Test
    void oneMunicipalityHoldingEverythingGetsARangeAndNoRangeIsEmpty() {
        int copenhagen = CODES.get(0);
        Map<String, ExecutionContext> partitions = new MunicipalityRangePartitioner(() -> Map.of(copenhagen, 9_000L))
            .partition(4);
        assertThat(partitions).hasSize(4);
        ExecutionContext first = partitions.values().iterator().next();
        assertThat(first.getInt(MunicipalityRangePartitioner.FROM)).isEqualTo(copenhagen);
        assertThat(first.getInt(MunicipalityRangePartitioner.TO)).as("the heavy municipality alone")
            .isEqualTo(copenhagen);
    }

    @Test
    void nothingPendingSplitsByCountAsWithoutWeights() {
        assertThat(new MunicipalityRangePartitioner(Map::of).partition(3).keySet())
            .isEqualTo(new MunicipalityRangePartitioner().partition(3).keySet());
    }

}
