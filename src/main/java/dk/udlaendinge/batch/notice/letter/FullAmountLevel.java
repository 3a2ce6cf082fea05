package dk.udlaendinge.batch.notice.letter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The full security amount at one year's level ("51.714,40 kr. (2014-niveau)"). A letter
 * may quote it to explain the shares the municipality can reduce a security to; it is
 * never the amount the letter asks for.
 */
public record FullAmountLevel(int year, BigDecimal amount) {

    public FullAmountLevel {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(
                    "the full amount at " + year + " level must be positive with at most two decimals, was " + amount);
        }
    }
}
