package dk.udlaendinge.batch.common;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared beans. The clock is a bean so tests can fix "today". */
@Configuration(proxyBeanMethods = false)
class CommonConfiguration {

    /**
     * The output and data folders are the application's own: every folder below them is
     * made owner-only.
     */
    CommonConfiguration(Folders app) {
        OwnerOnlyFiles.root(app.outputDir());
        OwnerOnlyFiles.root(app.dataDir());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * Opens the database once when the datasource is made, before Flyway (one-line
     * errors).
     */
    @Bean
    static DatabaseCheck databaseCheck() {
        return new DatabaseCheck();
    }

}
