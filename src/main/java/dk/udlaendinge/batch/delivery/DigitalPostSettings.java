package dk.udlaendinge.batch.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.digital-post.*}: Digital Post as a whole, for every recipient.
 * {@code limits}: the limits in force through time (each from its day on, until the next
 * one's), the default being the orders of docs/RENEWAL-RULES.md §5
 * ({@link #DEFAULT_LIMITS}); {@code limit}, when set, overrides them with one limit for
 * every date and no cap on the number of files, as before dated limits.
 * {@code transport}: {@code smtp} (the secure mail gateway, or .eml files) or
 * {@code memo} (MeMo messages to the CPR/CVR mailbox, docs/DIGITAL-POST.md).
 */
@Validated
@ConfigurationProperties("app.digital-post")
public record DigitalPostSettings(DataSize limit, List<@Valid DatedLimit> limits,
        @NotNull @DefaultValue("smtp") Transport transport, @Valid @DefaultValue Memo memo) {

    /** {@code app.digital-post.transport}: written in lower case in the settings. */
    public enum Transport {

        SMTP, MEMO

    }

    /**
     * 10 MB a message from the beginning (the limit of 2014, docs/RENEWAL-RULES.md §5);
     * then the order on the size of files in Digital Post, § 3: 99.5 MB a whole message
     * with at most 10 attached files. Its number and day of entry into force could not be
     * confirmed here: the default day is the latest it can have been issued on
     * (docs/RENEWAL-RULES.md §5), so that in doubt a letter goes on paper; an operator
     * who has the order sets the day in config/application.yml.
     */
    public static final List<DatedLimit> DEFAULT_LIMITS = List.of(
            new DatedLimit(null, DataSize.ofMegabytes(10), null, "Digital Post 2014 (docs/RENEWAL-RULES.md §5)"),
            new DatedLimit(LocalDate.of(2018, 5, 25), DataSize.ofBytes(99_500_000L), 10,
                    "bekendtgørelse om størrelse på filer i Digital Post, § 3"));

    public DigitalPostSettings {
        limits = limits == null || limits.isEmpty() ? DEFAULT_LIMITS : List.copyOf(limits);
        memo = memo == null ? new Memo(null, "77940413", "Udlændingestyrelsen", null, null, Duration.ofSeconds(10),
                Duration.ofSeconds(60)) : memo;
    }

    public boolean memoTransport() {
        return transport == Transport.MEMO;
    }

    /**
     * The limits that decide digital or paper, in order: the one override when
     * {@code limit} is set, else {@code limits}.
     */
    public List<DatedLimit> effectiveLimits() {
        return limit != null ? List.of(new DatedLimit(null, limit, null, "app.digital-post.limit")) : limits;
    }

    // each check is named after the setting it refuses, so that the refusal names it
    // (common.SettingsFailure)
    @AssertTrue(message = "must be positive")
    boolean isLimit() {
        return limit == null || limit.toBytes() > 0;
    }

    @AssertTrue(message = "app.digital-post.limits must be in order of their from dates")
    boolean isLimits() {
        for (int i = 1; i < limits.size(); i++) {
            LocalDate before = limits.get(i - 1).from();
            LocalDate from = limits.get(i).from();
            if (before != null && from != null && !before.isBefore(from)) {
                return false;
            }
        }
        return true;
    }

    @AssertTrue(
            message = "app.digital-post.limits: a from is missing; only the first limit may hold from the beginning")
    boolean isEveryLaterLimitDated() {
        return limits.stream().skip(1).allMatch(l -> l.from() != null);
    }

    /**
     * One Digital Post limit: from {@code from} on (null: from the beginning), the whole
     * message as sent at most {@code maxMessage}, with at most {@code maxAttachments}
     * files (null: no cap). {@code source} names the order, for logs and docs.
     */
    public record DatedLimit(LocalDate from, @NotNull(message = "must be positive") DataSize maxMessage,
            @Min(value = 1, message = "must be at least 1 (or left out: no cap)") Integer maxAttachments,
            String source) {

        @AssertTrue(message = "must be positive")
        boolean isMaxMessage() {
            return maxMessage == null || maxMessage.toBytes() > 0;
        }
    }

    /**
     * MeMo transport ({@code app.digital-post.transport: memo}). {@code version} 1.2 or
     * 1.1; {@code senderCvr} and {@code senderLabel} identify the agency as sender;
     * {@code endpoint} unset: messages are written to the outbox folder; set: each is
     * POSTed there over HTTPS with the client certificate of the Spring Boot SSL bundle
     * {@code sslBundle} (plain http only to a loopback address).
     * {@code connectTimeout}/{@code readTimeout} bound one attempt; transient failures
     * are retried with {@code app.mail.retry}.
     */
    public record Memo(
            @Pattern(regexp = "1\\.2|1\\.1", message = "must be 1.2 or 1.1") @DefaultValue("1.2") String version,
            @NotNull(message = "must be 8 digits") @Pattern(regexp = "\\d{8}",
                    message = "must be 8 digits") @DefaultValue("77940413") String senderCvr,
            @DefaultValue("Udlændingestyrelsen") String senderLabel, URI endpoint, String sslBundle,
            @DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration readTimeout) {

        public Memo {
            version = version == null ? "1.2" : version.strip();
        }

        @AssertTrue(message = "must be an https:// address (plain http only to a loopback address such as 127.0.0.1)")
        boolean isEndpoint() {
            if (endpoint == null) {
                return true;
            }
            String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
            return endpoint.getHost() != null
                    && (scheme.equals("https") || scheme.equals("http") && loopback(endpoint.getHost()));
        }

        @AssertTrue(message = "app.digital-post.memo.endpoint is https, so app.digital-post.memo.ssl-bundle must name"
                + " the Spring Boot SSL bundle (spring.ssl.bundle.jks.<name> or .pem.<name>) holding the client"
                + " certificate")
        boolean isSslBundle() {
            return endpoint == null || !"https".equalsIgnoreCase(endpoint.getScheme())
                    || sslBundle != null && !sslBundle.isBlank();
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
            }
            catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
