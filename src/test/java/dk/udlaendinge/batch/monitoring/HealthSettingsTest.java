package dk.udlaendinge.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.support.SettingsBinding;

/** {@code app.health.*} as the start binds it. */
class HealthSettingsTest {

    @Test
    void theMailGatewaysAnswerIsKeptAMinuteByDefault() {
        assertThat(SettingsBinding.bind(HealthSettings.class, Map.of()).mailGatewayKeep())
            .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void zeroToAnHourIsTaken() {
        assertThat(SettingsBinding.bind(HealthSettings.class, Map.of("app.health.mail-gateway-keep", "0s"))
            .mailGatewayKeep()).isZero();
        assertThat(SettingsBinding.bind(HealthSettings.class, Map.of("app.health.mail-gateway-keep", "1h"))
            .mailGatewayKeep()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void moreThanAnHourOrLessThanZeroStopsTheStartNamingTheKey() {
        assertThat(SettingsBinding.refusal(HealthSettings.class, Map.of("app.health.mail-gateway-keep", "2h")))
            .isEqualTo("app.health.mail-gateway-keep must be 0 to 1h, was 2h");
        assertThat(SettingsBinding.refusal(HealthSettings.class, Map.of("app.health.mail-gateway-keep", "-1s")))
            .isEqualTo("app.health.mail-gateway-keep must be 0 to 1h, was -1s");
    }

}
