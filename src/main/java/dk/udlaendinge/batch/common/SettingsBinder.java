package dk.udlaendinge.batch.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Binds one feature's settings record from an environment as the application's start does
 * (Boot's relaxed binding, then the record's Jakarta constraints), for the few places
 * that need a record without the application's context. A refused value throws Boot's
 * BindException, which {@link SettingsFailure} turns into the one line.
 */
public final class SettingsBinder {

    private SettingsBinder() {
    }

    public static <T> T bind(Environment env, Class<T> type) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        try {
            return Binder.get(env).bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(validator));
        }
        finally {
            validator.close();
        }
    }

}
