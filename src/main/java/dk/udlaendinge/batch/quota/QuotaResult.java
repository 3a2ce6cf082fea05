package dk.udlaendinge.batch.quota;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quotas of one year: the regions sharing the national figure, then each region's
 * municipalities sharing its quota, with every intermediate figure.
 *
 * @param regions      the national group (code 0), one line per region
 * @param municipalities one group per region code, in ascending region code
 */
public record QuotaResult(long nationalFigure, KeyGroup regions, Map<Integer, KeyGroup> municipalities) {

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
        return municipalities.entrySet().stream()
                .filter(e -> e.getValue().lines().stream().anyMatch(l -> l.code() == municipalityCode))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no municipality " + municipalityCode));
    }
}
