package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dk.udlaendinge.batch.deposit.AmountTrack;
import dk.udlaendinge.batch.notice.letter.FullAmountLevel;

/**
 * The published full amount of the security by year level (docs/RENEWAL-RULES.md §3:
 * 50,000 kr. at 2012 level, indexed every year), from
 * {@code app.renewal.full-amount-levels}: the amount track of rule sets B, C and D. The
 * later tracks' levels are kept with {@link AmountTrack}.
 *
 * <p>
 * Reference data for the letter's explanation only. A notice asks for the security's own
 * amount, {@code amount_dkk} in the registry (as posted, or as the municipality reduced
 * it): a security is extended, or posted anew, for the amount of the application year or
 * the reduced amount, never re-indexed to the year of the renewal (§ 6, stk. 3 of bek.
 * nr. 646 af 21. juni 2012 as amended; KL, "Forlængelse af sikkerhedsstillelse"). So no
 * run depends on a year being present here.
 */
public final class FullAmountLevels {

    private final Map<Integer, BigDecimal> fullAmountByYear;

    public FullAmountLevels(Map<Integer, BigDecimal> fullAmountByYear) {
        fullAmountByYear.forEach((year, amount) -> {
            if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("app.renewal.full-amount-levels." + year
                        + " must be a positive amount with at most two decimals");
            }
        });
        this.fullAmountByYear = new TreeMap<>(fullAmountByYear);
    }

    /**
     * The full amount at {@code year}'s level on a rule set's amount track: the
     * configured table for the 2012 track, the published levels kept with the track for
     * the later ones.
     */
    public Optional<FullAmountLevel> level(AmountTrack track, int year) {
        if (track == AmountTrack.LEVEL_2012) {
            return level(year);
        }
        return track.level(year).map(amount -> new FullAmountLevel(year, amount));
    }

    /** The full amount at {@code year}'s level, if it is in the table. */
    public Optional<FullAmountLevel> level(int year) {
        return Optional.ofNullable(fullAmountByYear.get(year)).map(amount -> new FullAmountLevel(year, amount));
    }

}
