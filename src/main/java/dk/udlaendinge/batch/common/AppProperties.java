package dk.udlaendinge.batch.common;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every operator setting, bound from {@code config/application.yml} (which documents each one)
 * and validated at start so that a bad value stops the run before it touches anything.
 */

@ConfigurationProperties("app")
public record AppProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("./out") Path outputDir,
        Path documentsRoot,
        @DefaultValue Renewal renewal,
        @DefaultValue Mail mail,
        @DefaultValue Demo demo,
        @DefaultValue Schedule schedule,
        @DefaultValue Liveness liveness) {

    /**
     * How other processes, on this host or another sharing the database, tell a running
     * execution from one left STARTED by a process or machine that died: the running process
     * writes a heartbeat into the execution's context every {@code heartbeatInterval}; one older
     * than {@code staleAfter} is stale. {@code host} names this machine in the context (default:
     * its host name); on the same host the process id decides at once.
     */
    public record Liveness(
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("60s") Duration staleAfter,
            String host) {

        public Liveness {
            require(heartbeatInterval.toMillis() >= 10, "app.liveness.heartbeat-interval must be at least 10ms, was "
                    + heartbeatInterval);
            // several missed beats before a live run can be taken for dead (a long GC, a slow commit)
            require(staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) >= 0,
                    "app.liveness.stale-after must be at least 3 times app.liveness.heartbeat-interval, was "
                            + staleAfter + " with an interval of " + heartbeatInterval);
            host = host == null || host.isBlank() ? localHost() : host.strip();
        }

        private static String localHost() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }

    /** The nightly renewal-notice job. */
    public record Renewal(
            @DefaultValue("90") int leadDays,
            @DefaultValue("10MB") DataSize digitalPostLimit,
            @DefaultValue("200") int chunkSize,
            @DefaultValue("2") int partitions,
            @DefaultValue("25") int skipLimit,
            Map<Integer, BigDecimal> fullAmountLevels) {

        public Renewal {
            require(leadDays >= 0, "app.renewal.lead-days must be 0 or more, was " + leadDays);
            require(chunkSize >= 1, "app.renewal.chunk-size must be at least 1, was " + chunkSize);
            require(partitions >= 1, "app.renewal.partitions must be at least 1, was " + partitions);
            require(skipLimit >= 0, "app.renewal.skip-limit must be 0 or more, was " + skipLimit);
            require(digitalPostLimit.toBytes() > 0, "app.renewal.digital-post-limit must be positive");
            fullAmountLevels = fullAmountLevels == null ? Map.of() : Map.copyOf(fullAmountLevels);
        }
    }

    /**
     * Digital Post gateway (SMTP via spring.mail.*; no host means the outbox folder). With
     * credentials, STARTTLS is required unless {@code allowPlaintextAuth} says otherwise.
     */
    public record Mail(
            @DefaultValue("noreply@nyidanmark.dk") String from,
            @DefaultValue("udlaendinge-batch.nyidanmark.dk") String messageIdDomain,
            @DefaultValue("kommune-{code}@digitalpost.example") String municipalityAddressPattern,
            Map<Integer, String> municipalityAddresses,
            @DefaultValue Retry retry,
            @DefaultValue("false") boolean allowPlaintextAuth) {

        public Mail {
            municipalityAddresses = municipalityAddresses == null ? Map.of() : Map.copyOf(municipalityAddresses);
        }

        /** A municipality's main Digital Post mailbox: the override if any, else the pattern. */
        public String municipalityAddress(int kommunekode) {
            String override = municipalityAddresses.get(kommunekode);
            return override != null ? override
                    : municipalityAddressPattern.replace("{code}", String.format("%03d", kommunekode));
        }
    }

    /** Back-off for transient gateway errors; after the last attempt the step fails. */
    public record Retry(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxBackoff) {

        public Retry {
            require(maxAttempts >= 1, "app.mail.retry.max-attempts must be at least 1, was " + maxAttempts);
            require(multiplier >= 1.0, "app.mail.retry.multiplier must be 1.0 or more, was " + multiplier);
        }
    }

    /** The demo that ./run.sh runs on an empty registry. */
    public record Demo(
            @DefaultValue("5000") int deposits,
            @DefaultValue("2014-12-01") LocalDate runDate,
            @DefaultValue("20141201") long seed) {

        public Demo {
            require(deposits >= 1, "app.demo.deposits must be at least 1, was " + deposits);
        }
    }

    /**
     * Cron expression for ./run.sh daemon ("-" disables it). Quota runs have no schedule: their
     * inputs (the announced national figure, the year's statistics) arrive by announcement.
     */
    public record Schedule(@DefaultValue("0 30 1 * * *") String renewalCron) {
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
