package dk.udlaendinge.batch.common.batch.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dk.udlaendinge.batch.common.SettingsFailure;
import dk.udlaendinge.batch.support.SettingsBinding;

/** {@code app.broker.*} as the start (or ./run.sh broker) binds it. */
class BrokerPropertiesTest {

    @Test
    void byDefaultNoTlsAndFiveOffers() {
        BrokerProperties app = SettingsBinding.bind(BrokerProperties.class, Map.of());
        assertThat(app.keyStore()).isNull();
        assertThat(app.maxDeliveryAttempts()).isEqualTo(BrokerSettings.DEFAULT_MAX_DELIVERY_ATTEMPTS).isEqualTo(5);
        StandardEnvironment env = new StandardEnvironment();
        BrokerSettings settings = BrokerSettings.from(app, env);
        assertThat(settings.tls()).isFalse();
    }

    @Test
    void givenValuesAreKeptAndAnEmptyKeyStoreIsNone() {
        BrokerProperties app = SettingsBinding.bind(BrokerProperties.class,
                Map.of("app.broker.max-delivery-attempts", "100", "app.broker.key-store", ""));
        assertThat(app.maxDeliveryAttempts()).isEqualTo(100);
        assertThat(BrokerSettings.from(app, new StandardEnvironment()).tls()).isFalse();
        assertThat(
                SettingsBinding.bindEnvironment(BrokerProperties.class, Map.of("APP_BROKER_MAXDELIVERYATTEMPTS", "1"))
                    .maxDeliveryAttempts())
            .isEqualTo(1);
    }

    @Test
    void outsideOneToAHundredStopsTheStartNamingTheKey() {
        assertThat(SettingsBinding.refusal(BrokerProperties.class, Map.of("app.broker.max-delivery-attempts", "0")))
            .isEqualTo("app.broker.max-delivery-attempts must be 1 to 100, was 0");
        assertThat(SettingsBinding.refusal(BrokerProperties.class, Map.of("app.broker.max-delivery-attempts", "101")))
            .isEqualTo("app.broker.max-delivery-attempts must be 1 to 100, was 101");
        assertThat(SettingsBinding.refusal(BrokerProperties.class, Map.of("app.broker.max-delivery-attempts", "x")))
            .startsWith("app.broker.max-delivery-attempts");
    }

    @Test
    void theBrokerCommandBindsTheSameWayWithoutTheApplication() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
            .addFirst(new MapPropertySource("test", Map.of("app.broker.max-delivery-attempts", "7")));
        assertThat(BrokerProperties.bind(env).maxDeliveryAttempts()).isEqualTo(7);
        env.getPropertySources()
            .addFirst(new MapPropertySource("bad", Map.of("app.broker.max-delivery-attempts", "500")));
        assertThatThrownBy(() -> BrokerProperties.bind(env)).satisfies(e -> assertThat(SettingsFailure.describe(e))
            .hasValue("app.broker.max-delivery-attempts must be 1 to 100, was 500"));
    }

}
