package dk.udlaendinge.batch.quota;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.udlaendinge.batch.support.TestDatabase;

/**
 * The same tests as {@link QuotaWorkbookJobFunctionalTests}, on a real PostgreSQL server
 * (a fresh database).
 */
class QuotaWorkbookJobPostgresFunctionalTests extends QuotaWorkbookJobFunctionalTests {

    private static final TestDatabase DATABASE = TestDatabase.postgres();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

}
