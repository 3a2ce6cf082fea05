package dk.udlaendinge.batch.console;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.udlaendinge.batch.support.TestDatabase;

/**
 * The same pages, rules and actions as {@link ConsoleSecurityTests}, on a real PostgreSQL
 * server (a fresh database).
 */
class ConsoleSecurityPostgresTests extends ConsoleSecurityTests {

    private static final TestDatabase DATABASE = TestDatabase.postgres();

    private static final java.nio.file.Path OWN = ConsoleFixtures.tempDir("console-security-pg");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("app.data-dir", () -> OWN.resolve("data").toString());
        registry.add("app.output-dir", () -> OWN.resolve("out").toString());
    }

}
