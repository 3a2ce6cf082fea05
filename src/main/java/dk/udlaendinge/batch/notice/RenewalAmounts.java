package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import dk.udlaendinge.batch.deposit.DanishTest;

/**
 * The amount a renewal notice requires: the full amount indexed for the run year (a
 * configured table, SPEC §2) times the share for the highest Danish test passed, exact to
 * the øre, rounded half up. A year without a configured amount is an error, never a
 * fall-back to another year.
 */
public final class RenewalAmounts {

    private final Map<Integer, BigDecimal> fullAmountByYear;

    public RenewalAmounts(Map<Integer, BigDecimal> fullAmountByYear) {
        fullAmountByYear.forEach((year, amount) -> {
            if (amount == null || amount.signum() <= 0) {
                throw new IllegalArgumentException("app.renewal.amounts." + year + " must be a positive amount");
            }
        });
        this.fullAmountByYear = new TreeMap<>(fullAmountByYear);
    }

    public BigDecimal fullAmount(int year) {
        BigDecimal full = fullAmountByYear.get(year);
        if (full == null) {
            throw new MissingAmountException(year, fullAmountByYear.keySet());
        }
        return full;
    }

    public BigDecimal required(int year, DanishTest test) {
        return fullAmount(year).multiply(BigDecimal.valueOf(test.sharePercent()))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    public boolean hasYear(int year) {
        return fullAmountByYear.containsKey(year);
    }

    /** The run year has no indexed amount in app.renewal.amounts. */
    public static final class MissingAmountException extends IllegalStateException {
        MissingAmountException(int year, java.util.Set<Integer> configured) {
            super("no renewal amount is configured for " + year + " (app.renewal.amounts has "
                    + configured + "); add the indexed amount for " + year + " to config/application.yml");
        }
    }
}
