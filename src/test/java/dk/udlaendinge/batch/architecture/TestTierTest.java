package dk.udlaendinge.batch.architecture;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dk.udlaendinge.batch.support.SlowTest;

/**
 * The rule of the two test tiers (docs/ARCHITECTURE.md, "Test tiers"): a test class that
 * starts the whole application (a {@code @SpringBootTest}, or {@code support.OpsFixtures}
 * running it in this JVM or in a child JVM), another process (keytool too), a PostgreSQL
 * server or a browser carries {@link SlowTest}, so that {@code mvn -B test} stays the
 * fast tier. Slice tests (MockMvc on a controller, a database reader on in-memory HSQLDB)
 * and plain unit tests stay fast.
 */
class TestTierTest {

    private static final String ROOT = "dk.udlaendinge.batch";

    /** What makes a test slow when a test class uses it directly. */
    private static final Set<String> SLOW_STARTERS = Set.of(ROOT + ".support.OpsFixtures",
            ROOT + ".support.ChildJvmArchive", ROOT + ".support.SharedPostgres", ROOT + ".support.TestCertificates",
            ROOT + ".console.Browser", "java.lang.ProcessBuilder",
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "org.springframework.boot.SpringApplication",
            "org.springframework.boot.builder.SpringApplicationBuilder",
            "org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ");

    private static JavaClasses tests;

    @BeforeAll
    static void importTestClasses() {
        // the rule reads names only (annotations, call targets): no library class needs
        // to be
        // resolved from the class path, which is most of an import's time
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(ROOT);
        }
        finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void aTestThatStartsTheApplicationAProcessOrAServerIsInTheSlowTier() {
        classes().that(RUN_TESTS)
            .and(START_SOMETHING_SLOW)
            .should(be(IN_SLOW_TIER))
            .because("mvn -B test runs the fast tier only (docs/ARCHITECTURE.md, \"Test tiers\")")
            .check(tests);
    }

    /** The rule can fail: it recognises what starts something slow, and what does not. */
    @Test
    void theRuleTellsTheTiersApart() {
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".console.ConsoleBrowserTests"))).isTrue();
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".notice.CrashRecoveryFunctionalTests"))).isTrue();
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".deposit.RegistryImportJobPostgresFunctionalTests")))
            .isTrue();
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".notice.PendingNoticeReaderTest"))).isTrue();
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".delivery.MemoHttpGatewayTest"))).isTrue();
        assertThat(START_SOMETHING_SLOW.test(tests.get(ROOT + ".deposit.CprNumberTest"))).isFalse();
        assertThat(IN_SLOW_TIER.test(tests.get(ROOT + ".deposit.RegistryImportJobPostgresFunctionalTests"))).isTrue();
        assertThat(IN_SLOW_TIER.test(tests.get(ROOT + ".deposit.CprNumberTest"))).isFalse();
        assertThat(RUN_TESTS.test(tests.get(ROOT + ".support.OpsFixtures"))).isFalse();
    }

    private static final DescribedPredicate<JavaClass> RUN_TESTS = DescribedPredicate
        .describe("run tests", c -> !c.isInterface() && !c.isAnnotation()
                && !c.getModifiers().contains(JavaModifier.ABSTRACT)
                && hierarchy(c).stream().anyMatch(k -> k.getMethods().stream().anyMatch(TestTierTest::isTestMethod)));

    private static final DescribedPredicate<JavaClass> START_SOMETHING_SLOW = DescribedPredicate.describe(
            "start the application, a process or a server",
            c -> hierarchy(c).stream()
                .anyMatch(k -> k.isMetaAnnotatedWith(SpringBootTest.class) || k.isAnnotatedWith(SpringBootTest.class)
                        || k.getDirectDependenciesFromSelf()
                            .stream()
                            .anyMatch(d -> SLOW_STARTERS.contains(d.getTargetClass().getName()))
                        || k.getMethodCallsFromSelf().stream().anyMatch(TestTierTest::startsPostgres)));

    private static final DescribedPredicate<JavaClass> IN_SLOW_TIER = DescribedPredicate
        .describe("in the slow tier (@SlowTest, or a subclass of such a test)", c -> hierarchy(c).stream()
            .anyMatch(k -> k.isAnnotatedWith(SlowTest.class) || k.isMetaAnnotatedWith(SlowTest.class)));

    /**
     * {@code TestDatabase.postgres()}, or {@code Kind.create} (a test over both
     * databases).
     */
    private static boolean startsPostgres(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return owner.equals(ROOT + ".support.TestDatabase") && name.startsWith("postgres")
                || owner.equals(ROOT + ".support.TestDatabase$Kind") && name.equals("create");
    }

    private static boolean isTestMethod(JavaMethod m) {
        return m.isAnnotatedWith(Test.class) || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest");
    }

    private static List<JavaClass> hierarchy(JavaClass c) {
        List<JavaClass> all = new ArrayList<>();
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getRawSuperclass()) {
            all.add(k.get());
        }
        return all;
    }

}
