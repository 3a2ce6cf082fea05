package dk.udlaendinge.batch.support;

import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dk.udlaendinge.batch.common.SettingsBinder;
import dk.udlaendinge.batch.common.SettingsFailure;

/**
 * Binds one feature's settings record from given properties or environment variables as
 * the application does at start: Boot's relaxed binding, then its Jakarta constraints. A
 * refusal is read as the operator reads it ({@link SettingsFailure}).
 */
public final class SettingsBinding {

    private SettingsBinding() {
    }

    /** {@code properties} as in config/application.yml (app.digital-post.limit). */
    public static <T> T bind(Class<T> type, Map<String, Object> properties) {
        return bind(type, new MapPropertySource("test", properties));
    }

    /** {@code variables} as in the environment (APP_DIGITALPOST_LIMIT). */
    public static <T> T bindEnvironment(Class<T> type, Map<String, Object> variables) {
        return bind(type, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    /**
     * The one line the start would stop with, for properties that are refused; fails if
     * they bind.
     */
    public static String refusal(Class<?> type, Map<String, Object> properties) {
        try {
            bind(type, properties);
        }
        catch (RuntimeException e) {
            return SettingsFailure.describe(e).orElseThrow(() -> e);
        }
        throw new AssertionError(properties + " were not refused");
    }

    private static <T> T bind(Class<T> type, PropertySource<?> source) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(source);
        ConfigurationPropertySources.attach(env);
        return SettingsBinder.bind(env, type);
    }

}
