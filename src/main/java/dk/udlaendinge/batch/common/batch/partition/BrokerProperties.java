package dk.udlaendinge.batch.common.batch.partition;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

import dk.udlaendinge.batch.common.SettingsBinder;

/**
 * {@code app.broker.*}: the application's own settings of the broker it starts; the user
 * and password are Boot's {@code spring.artemis.*}, the same every node connects with.
 * Together they make {@link BrokerSettings}.
 *
 * @param keyStore a key store (PKCS12 or JKS) with the broker's key and certificate: the
 * broker then speaks TLS only; none by default (text, so that an empty value is none)
 * @param keyStorePassword its password, from the environment
 * @param maxDeliveryAttempts how often one request is offered before it is parked on the
 * dead-letter queue, so that a request no worker can take never circles for ever
 */
@Validated
@ConfigurationProperties("app.broker")
public record BrokerProperties(String keyStore, String keyStorePassword,
        @Min(value = 1, message = "must be 1 to 100") @Max(value = 100, message = "must be 1 to 100") @DefaultValue(""
                + BrokerSettings.DEFAULT_MAX_DELIVERY_ATTEMPTS) int maxDeliveryAttempts) {

    /**
     * Bound and checked from {@code env} as the application's start does it, for
     * {@code ./run.sh broker}, which runs without the application's context; a refused
     * value throws Boot's BindException, which
     * {@link dk.udlaendinge.batch.common.SettingsFailure} turns into the one line.
     */
    public static BrokerProperties bind(Environment env) {
        return SettingsBinder.bind(env, BrokerProperties.class);
    }

}
