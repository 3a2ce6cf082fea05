package dk.udlaendinge.batch.monitoring;

import java.sql.Timestamp;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import dk.udlaendinge.batch.common.batch.history.JobHistory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code udlaendinge.job.last.success.timestamp} (seconds since the epoch), one per
 * job: when its latest {@code COMPLETED} execution ended. It is read from the job
 * repository at each scrape, not remembered from events, so it is right after a restart
 * of the daemon, and right for runs started by another process (cron,
 * {@code ./run.sh renewal}, another host sharing the database). A job that has never
 * completed shows 0, so "not succeeded for 26 hours" fires on a fresh installation too; a
 * database that cannot be asked shows NaN (and {@code db} is DOWN).
 */
final class LastSuccessfulRun implements MeterBinder {

    static final String NAME = "udlaendinge.job.last.success.timestamp";

    private static final Logger log = LoggerFactory.getLogger(LastSuccessfulRun.class);

    private final JobHistory history;

    private final Collection<String> jobNames;

    LastSuccessfulRun(JobHistory history, Collection<String> jobNames) {
        this.history = history;
        this.jobNames = jobNames;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String job : jobNames) {
            Gauge.builder(NAME, this, g -> g.secondsSinceEpoch(job))
                .tag("job", job)
                .baseUnit("seconds")
                .description("When the job's latest successful (COMPLETED) execution ended, in seconds since the"
                        + " epoch, from the job repository; 0 when it never completed")
                .strongReference(true)
                .register(registry);
        }
    }

    double secondsSinceEpoch(String job) {
        try {
            java.time.LocalDateTime end = history.lastCompleted(job);
            return end == null ? 0 : Timestamp.valueOf(end).toInstant().toEpochMilli() / 1000.0;
        }
        catch (DataAccessException e) {
            log.debug("last successful run of {} could not be read: {}", job, e.getClass().getSimpleName());
            return Double.NaN;
        }
    }

}
