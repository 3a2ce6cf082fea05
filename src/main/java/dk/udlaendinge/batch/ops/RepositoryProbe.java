package dk.udlaendinge.batch.ops;

import java.util.function.Function;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.DatabaseCheck;

/**
 * The configured database alone, for a question a command can answer before the whole
 * application starts ({@link Command#refusalBeforeStart}): the same settings (files,
 * environment, {@code -D}), the same one-line check of the connection, but no Flyway,
 * jobs, broker or mail, so {@code restart 9999} says there is no such execution in a
 * moment instead of after the full start. Not a {@code @Configuration}: the application's
 * component scan must not pick it up.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@Import(DatabaseCheck.class)
final class RepositoryProbe {

    static <T> T ask(String[] springArgs, Function<JdbcTemplate, T> question) {
        try (ConfigurableApplicationContext probe = new SpringApplicationBuilder(RepositoryProbe.class)
            .web(WebApplicationType.NONE)
            .registerShutdownHook(false)
            .logStartupInfo(false)
            .run(springArgs)) {
            return question.apply(probe.getBean(JdbcTemplate.class));
        }
    }

}
