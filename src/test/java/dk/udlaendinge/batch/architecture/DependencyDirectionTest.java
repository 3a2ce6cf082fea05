package dk.udlaendinge.batch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Dependencies between the packages run one way (docs/ARCHITECTURE.md):
 * {@code console → ops → demo → deposit, notice, quota → delivery, common}
 * ({@code monitoring} beside {@code ops}, reading the jobs), and inside the jobs
 * {@code notice → deposit}. A class that reaches back up fails the build here, naming the
 * class and the dependency, so the direction cannot erode one import at a time.
 */
class DependencyDirectionTest {

    private static final String ROOT = "dk.udlaendinge.batch";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void noJobPackageKnowsTheCommandLine() {
        noClasses().that()
            .resideInAnyPackage(pkg("deposit"), pkg("notice"), pkg("quota"), pkg("demo"), pkg("delivery"),
                    pkg("common"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("ops"), pkg("console"))
            .check(production);
    }

    /**
     * The console sits on top: it uses the command line's launch path (ops.JobRunner),
     * never the reverse.
     */
    @Test
    void theCommandLineDoesNotKnowTheConsole() {
        noClasses().that()
            .resideInAPackage(pkg("ops"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(pkg("console"))
            .check(production);
    }

    /**
     * Monitoring reads the jobs; a job counts through common.Meters and never knows who
     * reads it.
     */
    @Test
    void noJobPackageKnowsTheMonitoring() {
        noClasses().that()
            .resideInAnyPackage(pkg("deposit"), pkg("notice"), pkg("quota"), pkg("demo"), pkg("delivery"),
                    pkg("common"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(pkg("monitoring"))
            .check(production);
    }

    @Test
    void deliveryAndCommonKnowNoJob() {
        noClasses().that()
            .resideInAnyPackage(pkg("delivery"), pkg("common"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("deposit"), pkg("notice"), pkg("quota"), pkg("demo"))
            .check(production);
    }

    @Test
    void commonKnowsNoDelivery() {
        noClasses().that()
            .resideInAPackage(pkg("common"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(pkg("delivery"))
            .check(production);
    }

    @Test
    void theRegistryDoesNotKnowTheNotices() {
        noClasses().that()
            .resideInAPackage(pkg("deposit"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("notice"), pkg("quota"), pkg("demo"))
            .check(production);
    }

    @Test
    void noticesAndQuotasDoNotKnowEachOtherOrTheDemo() {
        noClasses().that()
            .resideInAPackage(pkg("notice"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("quota"), pkg("demo"))
            .check(production);
        noClasses().that()
            .resideInAPackage(pkg("quota"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("notice"), pkg("deposit"), pkg("demo"))
            .check(production);
    }

    /**
     * A class outside a package's parent never imports its {@code internal} package: the
     * parent's public classes are its API (the console reads quota revisions through
     * {@code quota.PublishedRevisions}, not {@code quota.internal.YearFolder}).
     */
    @Test
    void internalPackagesAreUsedOnlyByTheirParent() {
        production.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.endsWith(".internal"))
            .distinct()
            .forEach(internal -> {
                String parent = internal.substring(0, internal.length() - ".internal".length());
                noClasses().that()
                    .resideOutsideOfPackages(parent, internal + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(internal + "..")
                    .check(production);
            });
    }

    /**
     * No two packages depend on each other, each package its own slice (so {@code quota},
     * {@code quota.internal} and {@code quota.model} are three: the job uses its files
     * and workbooks, and both use the model, which knows neither). No cycle is left out.
     */
    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(production);
    }

}
