package dk.udlaendinge.batch.notice;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.renewal.*}: the nightly renewal-notice job (docs/RENEWAL-RULES.md). Where
 * its partitions run is {@code common.batch.partition.PartitioningSettings}, under the
 * same prefix.
 *
 * @param leadDays a deposit gets its notice when its security expires within this many
 * days
 * @param futureMargin how far after today a run date may lie (the daemon's clock-jump
 * guard too)
 * @param chunkSize notices per transaction in the send step
 * @param skipLimit notices one run may skip before it fails
 * @param fullAmountLevels reference only: the full amount at each year's level, quoted by
 * the letter
 * @param digitalPostLimit the old name of {@code app.digital-post.limit}: set beside the
 * new one (as the shipped config/application.yml once did) it could only disagree or
 * repeat it, so it is refused with the name to use instead (docs/RUNBOOK.md)
 */
@Validated
@ConfigurationProperties("app.renewal")
public record RenewalSettings(
        @Min(value = 0, message = RenewalSettings.LEAD_DAYS) @Max(value = RenewalSettings.MAX_LEAD_DAYS,
                message = RenewalSettings.LEAD_DAYS) @DefaultValue("90") int leadDays,
        @NotNull @DurationMin(message = "must be 0 to 31d") @DurationMax(days = 31,
                message = "must be 0 to 31d") @DefaultValue("1d") Duration futureMargin,
        @Min(value = 1, message = "must be at least 1") @DefaultValue("50") int chunkSize,
        @Min(value = 0, message = "must be 0 or more") @DefaultValue("25") int skipLimit,
        Map<Integer, BigDecimal> fullAmountLevels,
        @Null(message = "app.renewal.digital-post-limit is no longer read; set app.digital-post.limit"
                + " (env APP_DIGITALPOST_LIMIT) instead and remove the old name") DataSize digitalPostLimit) {

    /**
     * A notice a year ahead is the most any renewal rule needs (docs/RENEWAL-RULES.md).
     */
    public static final int MAX_LEAD_DAYS = 366;

    private static final String LEAD_DAYS = "must be 0 to " + MAX_LEAD_DAYS + " (at most a year ahead)";

    public RenewalSettings {
        fullAmountLevels = fullAmountLevels == null ? Map.of() : Map.copyOf(fullAmountLevels);
    }
}
