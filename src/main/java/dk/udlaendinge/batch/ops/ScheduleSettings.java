package dk.udlaendinge.batch.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.schedule.renewal-cron}: the cron expression of ./run.sh daemon ("-" disables
 * it). Quota runs have no schedule: their inputs (the announced national figure, the
 * year's statistics) arrive by announcement.
 */
@ConfigurationProperties("app.schedule")
public record ScheduleSettings(@DefaultValue("0 30 1 * * *") String renewalCron) {
}
