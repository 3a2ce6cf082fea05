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
        DataSize documentsMaxSize,
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
        // a case document is parsed and mailed: one far larger than any letter costs its notice, not the night
        documentsMaxSize = documentsMaxSize == null ? CaseDocumentLimits.DEFAULT_MAX_SIZE : documentsMaxSize;
        require(documentsMaxSize.toBytes() > 0, "app.documents-max-size must be positive, was " + documentsMaxSize);
        // app.digital-post.limit, when set, is one limit for every run date instead of the dated list
        digitalPost = digitalPost.withOneLimit(digitalPost.limit() == null ? null : effectiveLimit(digitalPost.limit()));
    }

    private static DataSize effectiveLimit(DataSize limit) {
        require(limit.toBytes() > 0, "app.digital-post.limit must be positive, was " + limit);
        return limit;
    }

    /**
     * Digital Post as a whole, for every recipient. {@code limits}: the limits in force through time
     * (each from its day on, until the next one's), the default being the orders of
     * docs/RENEWAL-RULES.md §5 ({@link #DEFAULT_LIMITS}); {@code limit}, when set, overrides them
     * with one limit for every date and no cap on the number of files, as before dated limits.
     * {@code transport}: {@code smtp} (the secure mail gateway, or .eml files) or {@code memo}
     * (MeMo messages to the CPR/CVR mailbox, docs/DIGITAL-POST.md).
     */
    public record DigitalPost(
            DataSize limit,
            java.util.List<DatedLimit> limits,
            @DefaultValue("smtp") String transport,
            @DefaultValue Memo memo) {

        public static final java.util.List<String> TRANSPORTS = java.util.List.of("smtp", "memo");

        /**
         * 10 MB a message from the beginning (SPEC §3, the limit of the seed's time); then the order on
         * the size of files in Digital Post, § 3: 99.5 MB a whole message with at most 10 attached
         * files. Its number and day of entry into force could not be confirmed here: the default day
         * is the latest it can have been issued on (docs/RENEWAL-RULES.md §5), so that in doubt a
         * letter goes on paper; an operator who has the order sets the day in config/application.yml.
         */
        public static final java.util.List<DatedLimit> DEFAULT_LIMITS = java.util.List.of(
                new DatedLimit(null, DataSize.ofMegabytes(10), null, "Digital Post 2014 (SPEC §3)"),
                new DatedLimit(LocalDate.of(2018, 5, 25), DataSize.ofBytes(99_500_000L), 10,
                        "bekendtgørelse om størrelse på filer i Digital Post, § 3"));

        public DigitalPost {
            limits = limits == null || limits.isEmpty() ? DEFAULT_LIMITS : java.util.List.copyOf(limits);
            for (int i = 0; i < limits.size(); i++) {
                DatedLimit l = limits.get(i);
                require(l.maxMessage() != null && l.maxMessage().toBytes() > 0, "app.digital-post.limits[" + i
                        + "].max-message must be positive, was " + l.maxMessage());
                require(l.maxAttachments() == null || l.maxAttachments() >= 1, "app.digital-post.limits[" + i
                        + "].max-attachments must be at least 1 (or left out: no cap), was " + l.maxAttachments());
                if (i > 0) {
                    LocalDate before = limits.get(i - 1).from();
                    require(l.from() != null, "app.digital-post.limits[" + i + "].from is missing: only the first"
                            + " limit may hold from the beginning");
                    require(before == null || before.isBefore(l.from()), "app.digital-post.limits must be in order of"
                            + " their from dates; [" + i + "] (" + l.from() + ") is not after [" + (i - 1) + "] ("
                            + before + ")");
                }
            }
            transport = transport == null ? "smtp" : transport.strip().toLowerCase(java.util.Locale.ROOT);
            require(TRANSPORTS.contains(transport), "app.digital-post.transport must be one of " + TRANSPORTS
                    + ", was \"" + transport + "\"");
        }

        DigitalPost withOneLimit(DataSize one) {
            return new DigitalPost(one, limits, transport, memo);
        }

        public boolean memoTransport() {
            return transport.equals("memo");
        }

        /**
         * The limits that decide digital or paper, in order: the one override when
         * {@code limit} is set, else {@code limits}.
         */
        public java.util.List<DatedLimit> effectiveLimits() {
            return limit != null ? java.util.List.of(new DatedLimit(null, limit, null, "app.digital-post.limit"))
                    : limits;
        }
    }

    /**
     * One Digital Post limit: from {@code from} on (null: from the beginning), the whole message as
     * sent at most {@code maxMessage}, with at most {@code maxAttachments} files (null: no cap).
     * {@code source} names the order, for logs and docs.
     */
    public record DatedLimit(LocalDate from, DataSize maxMessage, Integer maxAttachments, String source) {
    }

    /**
     * MeMo transport ({@code app.digital-post.transport: memo}). {@code version} 1.2 or 1.1;
     * {@code senderCvr} and {@code senderLabel} identify the agency as sender; {@code endpoint} unset:
     * messages are written to the outbox folder; set: each is POSTed there over HTTPS with the
     * client certificate of the Spring Boot SSL bundle {@code sslBundle} (plain http only to a
     * loopback address). {@code connectTimeout}/{@code readTimeout} bound one attempt; transient
     * failures are retried with {@code app.mail.retry}.
     */
    public record Memo(
            @DefaultValue("1.2") String version,
            @DefaultValue("77940413") String senderCvr,
            @DefaultValue("Udlændingestyrelsen") String senderLabel,
            java.net.URI endpoint,
            String sslBundle,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout) {

        public Memo {
            version = version == null ? "1.2" : version.strip();
            require(version.equals("1.2") || version.equals("1.1"), "app.digital-post.memo.version must be 1.2 or"
                    + " 1.1, was \"" + version + "\"");
            require(senderCvr != null && senderCvr.matches("\\d{8}"), "app.digital-post.memo.sender-cvr must be"
                    + " 8 digits, was \"" + senderCvr + "\"");
            if (endpoint != null) {
                String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(java.util.Locale.ROOT);
                require(endpoint.getHost() != null && (scheme.equals("https") || scheme.equals("http")),
                        "app.digital-post.memo.endpoint must be an https:// address, was \"" + endpoint + "\"");
                require(scheme.equals("https") || loopback(endpoint.getHost()), "app.digital-post.memo.endpoint"
                        + " must use https (plain http only to a loopback address such as 127.0.0.1), was \""
                        + endpoint + "\"");
                require(scheme.equals("http") || (sslBundle != null && !sslBundle.isBlank()),
                        "app.digital-post.memo.endpoint is https, so app.digital-post.memo.ssl-bundle must name the"
                                + " Spring Boot SSL bundle (spring.ssl.bundle.jks.<name> or .pem.<name>) holding the"
                                + " client certificate");
            }
        }

        private static boolean loopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            // a literal address only: a name is never resolved here
            if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false;
            }
            try {
                return java.net.InetAddress.getByName(h).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
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
            String workerName,
            @DefaultValue("1d") Duration futureMargin) {

        public static final java.util.List<String> PARTITIONINGS = java.util.List.of("local", "remote");
        /** A notice a year ahead is the most any renewal rule needs (docs/RENEWAL-RULES.md). */
        public static final int MAX_LEAD_DAYS = 366;

        public Renewal {
            // the old name: set beside the new one (as the shipped config/application.yml does) it
            // could only disagree or repeat it, so it is refused with the name to use instead
            require(digitalPostLimit == null, "app.renewal.digital-post-limit is no longer read; set"
                    + " app.digital-post.limit (env APP_DIGITALPOST_LIMIT) instead and remove the old name");
            require(leadDays >= 0 && leadDays <= MAX_LEAD_DAYS, "app.renewal.lead-days must be 0 to " + MAX_LEAD_DAYS
                    + " (at most a year ahead), was " + leadDays);
            require(!futureMargin.isNegative() && futureMargin.compareTo(Duration.ofDays(31)) <= 0,
                    "app.renewal.future-margin must be 0 to 31d, was " + futureMargin);
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
     * Digital Post gateway (SMTP via spring.mail.*; no host means the outbox folder). STARTTLS is
     * required, with or without credentials, except to a relay on a loopback address; with
     * credentials only {@code allowPlaintextAuth} lifts it, without them {@code allowPlaintext}
     * (or {@code allowPlaintextAuth}) does.
     */
    public record Mail(
            @DefaultValue("noreply@nyidanmark.dk") String from,
            @DefaultValue("udlaendinge-batch.nyidanmark.dk") String messageIdDomain,
            @DefaultValue("kommune-{code}@digitalpost.example") String municipalityAddressPattern,
            Map<Integer, String> municipalityAddresses, // the old form of municipalities.<code>.main
            Map<Integer, MunicipalityMail> municipalities,
            @DefaultValue Retry retry,
            @DefaultValue("false") boolean allowPlaintextAuth,
            @DefaultValue("false") boolean allowPlaintext) {

        public Mail {
            // both go into the header of every message: a line break in either would add headers
            // (a Bcc: to every letter), so a value that is not exactly one address or host name stops the start
            String fromProblem = MailAddress.problem(from);
            require(fromProblem == null, "app.mail.from must be one plain address local@domain: the value " + fromProblem);
            require(MailAddress.isHostName(messageIdDomain), "app.mail.message-id-domain must be a host name such as"
                    + " udlaendinge-batch.nyidanmark.dk (letters, digits, hyphens and dots; no spaces, brackets or line"
                    + " breaks), was \"" + visible(messageIdDomain) + "\"");
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
            String oversizeAddress, String cvr) {

        /**
         * {@code cvr}: the municipality's CVR number; with {@code app.digital-post.transport: memo} its
         * lists and quota workbooks go as MeMo messages to it (README, "A municipality's CVR number").
         */
        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public MunicipalityMail {
        }

        /** Without a CVR number: the mail route only. */
        public MunicipalityMail(String main, String renewalLists, String quota, String oversize, String oversizeAddress) {
            this(main, renewalLists, quota, oversize, oversizeAddress, null);
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

    /** A setting's value for an error message, its control characters shown as escapes (\r, \n, \\u0000). */
    static String visible(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        value.chars().limit(120).forEach(c -> b.append(c == '\r' ? "\\r" : c == '\n' ? "\\n"
                : Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
