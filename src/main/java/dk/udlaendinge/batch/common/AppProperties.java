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
        @DefaultValue Schedule schedule) {

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
