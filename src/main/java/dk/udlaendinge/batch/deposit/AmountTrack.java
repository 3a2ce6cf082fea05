package dk.udlaendinge.batch.deposit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the amount of a security was fixed, by the rule set that governs it
 * (docs/RENEWAL-RULES.md §3; sources in docs/RENEWAL-RULES.md). Reference data for the
 * letter's paragraph on the amount only: a notice always asks for the security's own
 * amount ({@code amount_dkk}), never a level from here.
 *
 * <p>
 * The published full amounts by year of the two later tracks are data here, with their
 * source; years no public source gave are left out rather than derived. The 2012 track's
 * levels are configuration ({@code app.renewal.full-amount-levels}), as they were before
 * the later tracks existed.
 */
public enum AmountTrack {

    /**
     * Set A: 50,000 kr. at the 2002 level, indexed every year; no level table (no letter
     * is ever sent).
     */
    LEVEL_2002(Map.of()),

    /**
     * Sets B, C, D: the full amount of the year the application was submitted (50,000 kr.
     * at the 2012 level from 15 May 2012), reduced on request to 60/40/20 % after passed
     * Danish tests. Levels: {@code app.renewal.full-amount-levels}.
     */
    LEVEL_2012(Map.of()),

    /**
     * Set E (applications from 1 July 2018): 100,000 kr. at the 2018 level, indexed;
     * reduced by 20 % (A1), then 10 % (A2) and 10 % (final test) of the full amount,
     * never below 60 % (lov nr. 742 af 8. juni 2018; KL's rates; nyidanmark.dk
     * "Nedsættelse og frigivelse"). 2021 is the agency's figure as The Local reported it
     * (whole kroner); 2022 was not found; sources per year in docs/RENEWAL-RULES.md.
     */
    LEVEL_2018(Map.of(2018, new BigDecimal("100000.00"), 2019, new BigDecimal("102000.00"), 2020,
            new BigDecimal("104040.00"), 2021, new BigDecimal("106120.00"), 2023, new BigDecimal("110293.89"), 2024,
            new BigDecimal("113823.30"))),

    /**
     * Set F (posted from 1 July 2024): 57,000 kr. at the 2024 level, indexed from 2025
     * (lov nr. 686 af 11. juni 2024); later years' levels were not found.
     */
    LEVEL_2024(Map.of(2024, new BigDecimal("57000.00")));

    /**
     * The 2018 track's reductions, in % of the full amount, for A1, A2 and the final test
     * in turn.
     */
    public static final int[] STEPS_2018 = { 20, 10, 10 };

    /** The 2018 track never goes below this share of the full amount. */
    public static final int FLOOR_2018 = 60;

    private final Map<Integer, BigDecimal> levels;

    AmountTrack(Map<Integer, BigDecimal> levels) {
        this.levels = new TreeMap<>(levels);
    }

    /**
     * The published full amount at {@code year}'s level, when this track's table has it.
     */
    public Optional<BigDecimal> level(int year) {
        return Optional.ofNullable(levels.get(year));
    }

}
