package dk.udlaendinge.batch.delivery;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dk.udlaendinge.batch.common.MailAddress;

/**
 * {@code app.mail.*}: the Digital Post gateway (SMTP via spring.mail.*; no host means the
 * outbox folder) and the municipalities' mailboxes. STARTTLS is required, with or without
 * credentials, except to a relay on a loopback address; with credentials only
 * {@code allowPlaintextAuth} lifts it, without them {@code allowPlaintext} (or
 * {@code allowPlaintextAuth}) does. {@code municipalityAddresses} is the old form of
 * {@code municipalities.<code>.main}: still read, with a warning
 * ({@link MunicipalMailboxes}).
 */
@Validated
@ConfigurationProperties("app.mail")
public record MailSettings(@DefaultValue("noreply@nyidanmark.dk") String from,
        @DefaultValue("udlaendinge-batch.nyidanmark.dk") String messageIdDomain,
        @DefaultValue("kommune-{code}@digitalpost.example") String municipalityAddressPattern,
        Map<Integer, String> municipalityAddresses, Map<Integer, MunicipalityMail> municipalities,
        @Valid @DefaultValue Retry retry, @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("false") boolean allowPlaintext) {

    public MailSettings {
        municipalityAddresses = municipalityAddresses == null ? Map.of() : Map.copyOf(municipalityAddresses);
        municipalities = municipalities == null ? Map.of() : Map.copyOf(municipalities);
    }

    // Both go into the header of every message: a line break in either would add headers
    // (a Bcc:
    // to every letter), so a value that is not exactly one address or host name stops the
    // start.
    // The checks are named after the settings, so that a refusal names them
    // (common.SettingsFailure).
    @AssertTrue(message = "must be one plain address local@domain (no name, no list, no spaces or line breaks)")
    boolean isFrom() {
        return MailAddress.problem(from) == null;
    }

    @AssertTrue(message = "must be a host name such as udlaendinge-batch.nyidanmark.dk (letters, digits, hyphens and"
            + " dots; no spaces, brackets or line breaks)")
    boolean isMessageIdDomain() {
        return MailAddress.isHostName(messageIdDomain);
    }

    /**
     * {@code app.mail.municipalities.<kommunekode>}: where one municipality wants its
     * mail, as given; checked and resolved by {@link MunicipalMailboxes} at start. Every
     * key is optional. {@code oversize} is a string here so that a wrong value gets our
     * message, not the converter's. {@code cvr}: the municipality's CVR number; with
     * {@code app.digital-post.transport: memo} its lists and quota workbooks go as MeMo
     * messages to it (README, "A municipality's CVR number").
     */
    public record MunicipalityMail(String main, String renewalLists, String quota, String oversize,
            String oversizeAddress, String cvr) {

        @ConstructorBinding
        public MunicipalityMail {
        }

        /** Without a CVR number: the mail route only. */
        public MunicipalityMail(String main, String renewalLists, String quota, String oversize,
                String oversizeAddress) {
            this(main, renewalLists, quota, oversize, oversizeAddress, null);
        }
    }

    /** Back-off for transient gateway errors; after the last attempt the step fails. */
    public record Retry(@Min(value = 1, message = "must be at least 1") @DefaultValue("4") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DecimalMin(value = "1.0", message = "must be 1.0 or more") @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxBackoff) {
    }
}
