package dk.udlaendinge.batch.monitoring;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.health.*}: the health components' own settings (Boot's
 * {@code management.health.*} stay Boot's).
 *
 * @param mailGatewayKeep how long the mail gateway's answer is kept before a health call
 * asks it again, so a monitoring agent polling often does not open a connection each
 * time; 0 asks every time, at most an hour so a gateway gone down shows within the hour
 */
@Validated
@ConfigurationProperties("app.health")
public record HealthSettings(@NotNull @DurationMin(seconds = 0, message = "must be 0 to 1h") @DurationMax(hours = 1,
        message = "must be 0 to 1h") @DefaultValue("1m") Duration mailGatewayKeep) {
}
