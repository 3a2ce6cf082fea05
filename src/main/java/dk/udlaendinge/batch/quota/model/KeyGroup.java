package dk.udlaendinge.batch.quota.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * The key run once over a group of units sharing {@code total}: the 5 regions sharing the
 * national figure ({@code code} 0), or one region's municipalities sharing its quota. The
 * sums are over the units that share by the key (agreed units are taken out first).
 *
 * @param sharedTotal {@code T}: the total less the agreed quotas
 * @param positivePreliminarySum {@code Σ(f > 0)}, the divisor of the scaling step
 * @param lines every unit, agreed or not, in ascending code order
 */
public record KeyGroup(int code, long total, long agreedTotal, long sharedTotal, long population,
        long immigrantsAndRefugees, long familyReunified, BigDecimal positivePreliminarySum, List<KeyLine> lines) {

    public KeyGroup {
        lines = List.copyOf(lines);
    }

    /**
     * True when some unit's preliminary figure was negative, so the others were scaled
     * down.
     */
    public boolean scaled() {
        return lines.stream().anyMatch(l -> l.preliminary() != null && l.preliminary().signum() < 0);
    }

    public KeyLine line(int unitCode) {
        return lines.stream()
            .filter(l -> l.code() == unitCode)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no unit " + unitCode + " in group " + code));
    }
}
