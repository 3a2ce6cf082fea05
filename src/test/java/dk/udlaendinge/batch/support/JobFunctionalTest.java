package dk.udlaendinge.batch.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one test configuration of the tests that run a job in the application, as the
 * Spring guide's batch test does: the whole application ({@code @SpringBootTest}), Spring
 * Batch's test support ({@code @SpringBatchTest}: {@code JobOperatorTestUtils},
 * {@code JobRepositoryTestUtils}) and the HSQLDB file database under the test's
 * {@code app.data-dir}, given explicitly so that a {@code SPRING_DATASOURCE_URL} in the
 * environment never redirects a test. A test adds its folders
 * ({@code @DynamicPropertySource}) and, where it needs them, its own properties
 * ({@code @TestPropertySource}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBatchTest
@SpringBootTest(properties = { TestDatabase.HSQLDB_URL_PROPERTY, TestDatabase.HSQLDB_USERNAME_PROPERTY,
        TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@SlowTest
public @interface JobFunctionalTest {

}
