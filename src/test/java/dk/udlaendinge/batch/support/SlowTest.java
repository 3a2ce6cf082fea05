package dk.udlaendinge.batch.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The slow test tier (README, "Testing"; docs/ARCHITECTURE.md, "Test tiers"): a test
 * class that starts the whole application (a Spring Boot context, in this JVM or as a
 * child JVM), a PostgreSQL server, a broker or a browser. {@code mvn -B test} leaves
 * these out and runs the unit and slice tests in under two minutes; {@code mvn -B verify}
 * runs them too (failsafe, JUnit tag {@value #TAG}). {@code architecture.TestTierTest}
 * fails the build when a class that starts one of those lacks this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(SlowTest.TAG)
public @interface SlowTest {

    /**
     * The JUnit tag the build selects by (pom.xml: surefire's excludedGroups, failsafe's
     * groups).
     */
    String TAG = "slow";

}
