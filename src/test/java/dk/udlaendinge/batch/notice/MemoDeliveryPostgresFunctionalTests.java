package dk.udlaendinge.batch.notice;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.udlaendinge.batch.support.TestDatabase;

/**
 * The same test as {@link MemoDeliveryFunctionalTests}, on a real PostgreSQL server (a
 * fresh database).
 */
class MemoDeliveryPostgresFunctionalTests extends MemoDeliveryFunctionalTests {

    private static final TestDatabase DATABASE = TestDatabase.postgres();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

}
