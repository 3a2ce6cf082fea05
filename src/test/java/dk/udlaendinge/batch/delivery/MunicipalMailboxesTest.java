package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dk.udlaendinge.batch.notice.RenewalSettings;
import dk.udlaendinge.batch.support.SettingsBinding;
import dk.udlaendinge.batch.delivery.MailSettings.MunicipalityMail;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Oversize;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Purpose;

/**
 * The mailbox rule: purpose, then main, then the pattern; and what is refused at start.
 */
class MunicipalMailboxesTest {

    private static final String PATTERN = "kommune-{code}@digitalpost.example";

    private static MunicipalMailboxes of(Map<Integer, MunicipalityMail> settings) {
        return new MunicipalMailboxes(PATTERN, Map.of(), settings);
    }

    @Test
    void purposeMailboxThenMainThenPattern() {
        MunicipalMailboxes m = of(Map.of(101,
                new MunicipalityMail("post@kk.dk", "borgerservice@kk.dk", "integration@kk.dk", null, null), 147,
                new MunicipalityMail("post@frederiksberg.dk", null, "flygtninge@frederiksberg.dk", null, null), 461,
                new MunicipalityMail(null, "lister@odense.dk", null, null, null)));
        assertThat(m.mailbox(101, Purpose.RENEWAL_LISTS)).isEqualTo("borgerservice@kk.dk");
        assertThat(m.mailbox(101, Purpose.QUOTA)).isEqualTo("integration@kk.dk");
        assertThat(m.mailbox(147, Purpose.RENEWAL_LISTS)).isEqualTo("post@frederiksberg.dk");
        assertThat(m.mailbox(147, Purpose.QUOTA)).isEqualTo("flygtninge@frederiksberg.dk");
        assertThat(m.mailbox(461, Purpose.RENEWAL_LISTS)).isEqualTo("lister@odense.dk");
        assertThat(m.mailbox(461, Purpose.QUOTA)).isEqualTo("kommune-461@digitalpost.example");
        assertThat(m.mailbox(851, Purpose.QUOTA)).isEqualTo("kommune-851@digitalpost.example");
        assertThat(m.mailbox(851, Purpose.RENEWAL_LISTS)).isEqualTo("kommune-851@digitalpost.example");
    }

    @Test
    void oversizeIsPaperUnlessChosen() {
        MunicipalMailboxes m = of(Map.of(101, new MunicipalityMail(null, null, null, "split", null), 147,
                new MunicipalityMail(null, null, null, "ALTERNATIVE_ADDRESS", "sikkerfil@frederiksberg.dk"), 461,
                new MunicipalityMail("post@odense.dk", null, null, null, null)));
        assertThat(m.oversize(101)).isEqualTo(Oversize.SPLIT);
        assertThat(m.oversize(147)).isEqualTo(Oversize.ALTERNATIVE_ADDRESS);
        assertThat(m.oversizeAddress(147)).isEqualTo("sikkerfil@frederiksberg.dk");
        assertThat(m.oversize(461)).isEqualTo(Oversize.PAPER);
        assertThat(m.oversize(851)).isEqualTo(Oversize.PAPER);
        assertThat(m.oversizeAddress(851)).isNull();
    }

    @Test
    void theOldMapIsReadAsMainAndTheNewKeyWins() {
        MunicipalMailboxes m = new MunicipalMailboxes(PATTERN, Map.of(101, "old@kk.dk", 147, "old@frb.dk"),
                Map.of(101, new MunicipalityMail("new@kk.dk", null, null, null, null), 147,
                        new MunicipalityMail(null, null, "quota@frb.dk", null, null)));
        assertThat(m.mailbox(101, Purpose.RENEWAL_LISTS)).isEqualTo("new@kk.dk");
        assertThat(m.mailbox(147, Purpose.RENEWAL_LISTS)).isEqualTo("old@frb.dk");
        assertThat(m.mailbox(147, Purpose.QUOTA)).isEqualTo("quota@frb.dk");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Kommune <post@kk.dk>", "a@kk.dk, b@kk.dk", "a@kk.dk;b@kk.dk", "post@kk.dk\r\nBcc: x@y.dk",
            "post kk@kk.dk", "post@", "@kk.dk", "post@kk", "post@@kk.dk", ".post@kk.dk", "post..x@kk.dk", "post@-kk.dk",
            "\"post\"@kk.dk", "post@kk.dk\u0000" })
    void aMailboxThatIsNotOnePlainAddressIsRefusedNamingMunicipalityAndPurpose(String bad) {
        assertThatThrownBy(() -> of(Map.of(101, new MunicipalityMail(null, null, bad, null, null))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("app.mail.municipalities.101.quota is \"")
            .hasMessageContaining("not one plain mail address")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u0000"));
        assertThatThrownBy(() -> of(Map.of(147, new MunicipalityMail(null, bad, null, null, null))))
            .hasMessageStartingWith("app.mail.municipalities.147.renewal-lists is \"");
        assertThatThrownBy(() -> of(Map.of(147, new MunicipalityMail(bad, null, null, null, null))))
            .hasMessageStartingWith("app.mail.municipalities.147.main is \"");
        assertThatThrownBy(() -> new MunicipalMailboxes(PATTERN, Map.of(147, bad), Map.of()))
            .hasMessageStartingWith("app.mail.municipalities.147.main is \"");
    }

    @Test
    void badChoicesAndUnknownMunicipalitiesAreRefused() {
        assertThatThrownBy(() -> of(Map.of(101, new MunicipalityMail(null, null, null, "EMAIL", null))))
            .hasMessage("app.mail.municipalities.101.oversize is \"EMAIL\"; use PAPER (the default), SPLIT or"
                    + " ALTERNATIVE_ADDRESS");
        assertThatThrownBy(() -> of(Map.of(101, new MunicipalityMail(null, null, null, "ALTERNATIVE_ADDRESS", null))))
            .hasMessageStartingWith("app.mail.municipalities.101.oversize is ALTERNATIVE_ADDRESS but"
                    + " app.mail.municipalities.101.oversize-address is not set");
        assertThatThrownBy(() -> of(Map.of(101, new MunicipalityMail(null, null, null, "SPLIT", "a@b.dk, c@d.dk"))))
            .hasMessageStartingWith("app.mail.municipalities.101.oversize-address is \"a@b.dk, c@d.dk\"");
        assertThatThrownBy(() -> of(Map.of(999, new MunicipalityMail("a@b.dk", null, null, null, null))))
            .hasMessageStartingWith("app.mail.municipalities.999: there is no municipality with kommunekode 999");
        assertThatThrownBy(() -> new MunicipalMailboxes("kommune@digitalpost.example", Map.of(), Map.of()))
            .hasMessageStartingWith("app.mail.municipality-address-pattern must contain {code}");
        assertThatThrownBy(() -> new MunicipalMailboxes("Kommune <k-{code}@x.dk>", Map.of(), Map.of()))
            .hasMessageStartingWith("app.mail.municipality-address-pattern is \"Kommune <k-101@x.dk>\"");
    }

    /**
     * Operators may give the settings as environment variables. This binds through Spring
     * Boot's own relaxed binding from a system-environment property source, as the
     * application does at start, into the real {@link MailSettings} and
     * {@link DigitalPostSettings}.
     */
    @Test
    void environmentVariablesBindIntoTheMapPerMunicipalityAndPurpose() {
        Map<String, Object> variables = Map.of("APP_MAIL_MUNICIPALITIES_101_QUOTA", "integration@kk.dk",
                "APP_MAIL_MUNICIPALITIES_101_RENEWALLISTS", "borgerservice@kk.dk", "APP_MAIL_MUNICIPALITIES_461_MAIN",
                "post@odense.dk", "APP_MAIL_MUNICIPALITIES_461_OVERSIZE", "ALTERNATIVE_ADDRESS",
                "APP_MAIL_MUNICIPALITIES_461_OVERSIZEADDRESS", "sikkerfil@odense.dk",
                "APP_MAIL_MUNICIPALITYADDRESSES_147", "old@frederiksberg.dk", "APP_DIGITALPOST_LIMIT", "2MB");
        MailSettings mail = SettingsBinding.bindEnvironment(MailSettings.class, variables);
        DigitalPostSettings digitalPost = SettingsBinding.bindEnvironment(DigitalPostSettings.class, variables);

        assertThat(mail.municipalities()).containsOnlyKeys(101, 461);
        assertThat(digitalPost.limit().toMegabytes()).isEqualTo(2);
        MunicipalMailboxes m = new MunicipalMailboxes(mail.municipalityAddressPattern(), mail.municipalityAddresses(),
                mail.municipalities());
        assertThat(m.mailbox(101, Purpose.QUOTA)).isEqualTo("integration@kk.dk");
        assertThat(m.mailbox(101, Purpose.RENEWAL_LISTS)).isEqualTo("borgerservice@kk.dk");
        assertThat(m.mailbox(461, Purpose.QUOTA)).isEqualTo("post@odense.dk");
        assertThat(m.oversize(461)).isEqualTo(Oversize.ALTERNATIVE_ADDRESS);
        assertThat(m.oversizeAddress(461)).isEqualTo("sikkerfil@odense.dk");
        assertThat(m.mailbox(147, Purpose.QUOTA)).isEqualTo("old@frederiksberg.dk");
        assertThat(m.mailbox(851, Purpose.QUOTA)).isEqualTo("kommune-851@digitalpost.example");
    }

    @Test
    void theOldLimitNameIsRefusedAndTheNewOneOverridesTheDatedLimits() {
        assertThat(SettingsBinding.bindEnvironment(DigitalPostSettings.class, Map.of()).limit()).isNull(); // no
                                                                                                           // override:
                                                                                                           // the
                                                                                                           // dated
                                                                                                           // limits
                                                                                                           // decide
                                                                                                           // (DigitalPostLimitsTest)
        assertThat(SettingsBinding.bindEnvironment(DigitalPostSettings.class, Map.of("APP_DIGITALPOST_LIMIT", "4MB"))
            .limit()
            .toMegabytes()).isEqualTo(4);
        assertThatThrownBy(() -> SettingsBinding.bindEnvironment(RenewalSettings.class,
                Map.of("APP_RENEWAL_DIGITALPOSTLIMIT", "3MB")))
            .satisfies(e -> assertThat(dk.udlaendinge.batch.common.SettingsFailure.describe(e))
                .hasValue("app.renewal.digital-post-limit is no longer read; set app.digital-post.limit"
                        + " (env APP_DIGITALPOST_LIMIT) instead and remove the old name"));
    }

}
