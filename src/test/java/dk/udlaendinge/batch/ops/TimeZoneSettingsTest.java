package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.support.SettingsBinding;

/** {@code app.console.time-zone} as the start binds it (config/application.yml). */
class TimeZoneSettingsTest {

    @Test
    void byDefaultTheOperatorsLocalTime() {
        assertThat(SettingsBinding.bind(TimeZoneSettings.class, Map.of()).zone())
            .isEqualTo(ZoneId.of("Europe/Copenhagen"));
    }

    @Test
    void aGivenZoneIsKept() {
        assertThat(SettingsBinding.bind(TimeZoneSettings.class, Map.of("app.console.time-zone", " UTC ")).zone())
            .isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aNameThatIsNoZoneStopsTheStartNamingTheKey() {
        assertThat(SettingsBinding.refusal(TimeZoneSettings.class, Map.of("app.console.time-zone", "Europe/Kobenhavn")))
            .isEqualTo("app.console.time-zone must be a time zone such as Europe/Copenhagen, was Europe/Kobenhavn");
    }

}
