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
        @DefaultValue DigitalPost digitalPost,
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

    public AppProperties {
        digitalPost = new DigitalPost(effectiveLimit(digitalPost.limit()));
    }

    private static DataSize effectiveLimit(DataSize limit) {
        DataSize effective = limit != null ? limit : DataSize.ofMegabytes(10);
        require(effective.toBytes() > 0, "app.digital-post.limit must be positive, was " + effective);
        return effective;
    }

    /** Digital Post as a whole: the largest whole MIME message it takes, for every recipient. */
    public record DigitalPost(DataSize limit) {
    }

    /**
     * The nightly renewal-notice job. {@code partitioning} says where the select and send
     * partitions run: {@code local} on threads of this process, {@code remote} on worker nodes
     * ({@code ./run.sh worker}) that take one request per partition from the broker at
     * {@code spring.artemis.broker-url}; {@code embeddedBroker} starts that broker inside the
     * process that runs the job. A remote partition whose worker shows no progress for
     * {@code partitionTimeout} fails the step (never a hang).
     */
    public record Renewal(
            @DefaultValue("90") int leadDays,
            DataSize digitalPostLimit, // the old name of app.digital-post.limit: only read to refuse it
            @DefaultValue("50") int chunkSize,
            @DefaultValue("2") int partitions,
            @DefaultValue("0") int sendPartitions, // 0: as many as partitions
            @DefaultValue("25") int skipLimit,
            Map<Integer, BigDecimal> fullAmountLevels,
            @DefaultValue("local") String partitioning,
            @DefaultValue("false") boolean embeddedBroker,
            @DefaultValue("10m") Duration partitionTimeout,
            @DefaultValue("1") int workerThreads,
            @DefaultValue("30s") Duration brokerConnectTimeout,
            String workerName) {

        public static final java.util.List<String> PARTITIONINGS = java.util.List.of("local", "remote");

        public Renewal {
            // the old name: set beside the new one (as the shipped config/application.yml does) it
            // could only disagree or repeat it, so it is refused with the name to use instead
            require(digitalPostLimit == null, "app.renewal.digital-post-limit is no longer read; set"
                    + " app.digital-post.limit (env APP_DIGITALPOST_LIMIT) instead and remove the old name");
            require(leadDays >= 0, "app.renewal.lead-days must be 0 or more, was " + leadDays);
            require(chunkSize >= 1, "app.renewal.chunk-size must be at least 1, was " + chunkSize);
            require(partitions >= 1, "app.renewal.partitions must be at least 1, was " + partitions);
            require(sendPartitions >= 0, "app.renewal.send-partitions must be 0 (as many as partitions) or more, was "
                    + sendPartitions);
            require(skipLimit >= 0, "app.renewal.skip-limit must be 0 or more, was " + skipLimit);
            fullAmountLevels = fullAmountLevels == null ? Map.of() : Map.copyOf(fullAmountLevels);
            partitioning = partitioning == null ? "local" : partitioning.strip();
            require(PARTITIONINGS.contains(partitioning), "app.renewal.partitioning must be one of " + PARTITIONINGS
                    + ", was \"" + partitioning + "\"");
            require(partitionTimeout.toMillis() >= 1000, "app.renewal.partition-timeout must be at least 1s, was "
                    + partitionTimeout);
            require(workerThreads >= 1 && workerThreads <= 64, "app.renewal.worker-threads must be 1 to 64, was "
                    + workerThreads);
            require(brokerConnectTimeout.toMillis() >= 100, "app.renewal.broker-connect-timeout must be at least"
                    + " 100ms, was " + brokerConnectTimeout);
            // a worker's name goes into the job repository and the log: a plain word, no personal data
            workerName = workerName == null || workerName.isBlank() ? null : workerName.strip();
            require(workerName == null || workerName.matches("[A-Za-z0-9._-]{1,40}"), "app.renewal.worker-name must be"
                    + " 1 to 40 letters, digits, '.', '_' or '-', was \"" + workerName + "\"");
        }

        public boolean remote() {
            return partitioning.equals("remote");
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
            Map<Integer, String> municipalityAddresses, // the old form of municipalities.<code>.main
            Map<Integer, MunicipalityMail> municipalities,
            @DefaultValue Retry retry,
            @DefaultValue("false") boolean allowPlaintextAuth) {

        public Mail {
            municipalityAddresses = municipalityAddresses == null ? Map.of() : Map.copyOf(municipalityAddresses);
            municipalities = municipalities == null ? Map.of() : Map.copyOf(municipalities);
        }
    }

    /**
     * {@code app.mail.municipalities.<kommunekode>}: where one municipality wants its mail, as
     * given; checked and resolved by {@code delivery.MunicipalMailboxes} at start. Every key is
     * optional. {@code oversize} is a string here so that a wrong value gets our message, not
     * the converter's.
     */
    public record MunicipalityMail(String main, String renewalLists, String quota, String oversize,
            String oversizeAddress) {
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
