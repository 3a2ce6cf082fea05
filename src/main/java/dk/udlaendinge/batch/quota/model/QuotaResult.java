package dk.udlaendinge.batch.quota.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quotas of one year with every intermediate figure, computed by the key of
 * {@code order}: either the regions sharing the national figure and then each region's
 * municipalities sharing its quota, or (the national key) every municipality sharing the
 * national figure at once.
 *
 * @param order the order whose key computed the year
 * @param regions the national group (code 0), one line per region; under the national key
 * each region's line is the sum of its municipalities'
 * @param municipalities one group per region code, in ascending region code; under the
 * national key these are the region's part of {@code country}
 * @param country under the national key, the one group all municipalities shared the
 * national figure in; {@code null} under the two-stage key
 */
public record QuotaResult(QuotaOrder order, long nationalFigure, KeyGroup regions,
        Map<Integer, KeyGroup> municipalities, KeyGroup country) {

    public QuotaResult {
        municipalities = java.util.Collections.unmodifiableMap(new TreeMap<>(municipalities));
    }

    public KeyGroup region(int regionCode) {
        KeyGroup g = municipalities.get(regionCode);
        if (g == null) {
            throw new IllegalArgumentException("no region " + regionCode);
        }
        return g;
    }

    /**
     * The group a municipality shared a total in: its region (two-stage key) or the
     * country (national key).
     */
    public KeyGroup keyGroupOf(int municipalityCode) {
        return country != null ? country : region(regionOf(municipalityCode));
    }

    public boolean nationalKey() {
        return order.key() == QuotaOrder.Key.NATIONAL;
    }

    /** Every municipality's line, in ascending municipality code. */
    public List<KeyLine> municipalityLines() {
        List<KeyLine> all = new ArrayList<>();
        municipalities.values().forEach(g -> all.addAll(g.lines()));
        all.sort(Comparator.comparingInt(KeyLine::code));
        return all;
    }

    /** Municipality code to quota, in ascending code. */
    public Map<Integer, Long> quotas() {
        Map<Integer, Long> q = new TreeMap<>();
        municipalities.values().forEach(g -> g.lines().forEach(l -> q.put(l.code(), l.quota())));
        return q;
    }

    public int regionOf(int municipalityCode) {
        return municipalities.entrySet()
            .stream()
            .filter(e -> e.getValue().lines().stream().anyMatch(l -> l.code() == municipalityCode))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no municipality " + municipalityCode));
    }
}
