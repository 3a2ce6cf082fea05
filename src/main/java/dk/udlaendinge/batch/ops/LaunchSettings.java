package dk.udlaendinge.batch.ops;

import java.nio.file.Path;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings the command line needs before the application starts: where the data
 * folder is (run files, the lock refusal, the owner-only lockdown, the log) and whether
 * the database is the embedded one. Read by Spring Boot's own config data loading, so
 * they come from the same places in the same order as the application's: the built-in
 * defaults, then {@code config/application.yml}, the environment, {@code -D} and the
 * arguments given to Spring, each over the one before. So {@code app.data-dir} set in
 * {@code config/application.yml} moves everything, not only the database.
 */
final class LaunchSettings {

    static final String DATA_DIR = "app.data-dir";

    private final ConfigurableEnvironment environment;

    private LaunchSettings(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /**
     * @param springArgs the {@code --key=value} arguments the application will be started
     * with
     */
    static LaunchSettings load(String... springArgs) {
        StandardEnvironment environment = new StandardEnvironment();
        if (springArgs.length > 0) {
            environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArgs));
        }
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return new LaunchSettings(environment);
    }

    Path dataDir() {
        return Path.of(environment.getProperty(DATA_DIR, "./data"));
    }

    /**
     * The default HSQLDB file database, which admits one process, unless
     * spring.datasource.url points elsewhere.
     */
    boolean embeddedDatabase() {
        String url = environment.getProperty("spring.datasource.url");
        return url == null || url.isBlank() || url.startsWith("jdbc:hsqldb:file:");
    }

}
