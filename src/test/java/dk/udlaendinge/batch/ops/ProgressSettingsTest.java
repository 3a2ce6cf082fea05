package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.support.SettingsBinding;

/** {@code app.progress.*} as the start binds it (config/application.yml). */
class ProgressSettingsTest {

    @Test
    void byDefaultOnlyOnATerminalEveryTenSeconds() {
        ProgressSettings settings = SettingsBinding.bind(ProgressSettings.class, Map.of());
        assertThat(settings.terminal()).isEqualTo(ProgressSettings.Terminal.AUTO);
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenValuesAreKept() {
        ProgressSettings settings = SettingsBinding.bind(ProgressSettings.class,
                Map.of("app.progress.terminal", "always", "app.progress.interval", "20ms"));
        assertThat(settings.terminal()).isEqualTo(ProgressSettings.Terminal.ALWAYS);
        assertThat(settings.interval()).isEqualTo(Duration.ofMillis(20));
        assertThat(SettingsBinding.bindEnvironment(ProgressSettings.class, Map.of("APP_PROGRESS_TERMINAL", "never"))
            .terminal()).isEqualTo(ProgressSettings.Terminal.NEVER);
    }

    @Test
    void refusedValuesStopTheStartNamingTheKey() {
        assertThat(SettingsBinding.refusal(ProgressSettings.class, Map.of("app.progress.terminal", "sometimes")))
            .isEqualTo("app.progress.terminal must be one of [auto, always, never], was \"sometimes\"");
        assertThat(SettingsBinding.refusal(ProgressSettings.class, Map.of("app.progress.interval", "0s")))
            .isEqualTo("app.progress.interval must be positive, was 0s");
    }

}
