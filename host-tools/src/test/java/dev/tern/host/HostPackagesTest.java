package dev.tern.host;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host tool's packages: no cycle, CLI-wide helpers in host.cli (docs/design, "Host tool conventions"). */
class HostPackagesTest {

    private static final String HOST = "dev.tern.host";
    private static final Set<String> LIBRARIES = Set.of("cli", "serial");
    private static final String FIXTURE = "dev.tern.host.packagefixture";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(HOST);

    @Test
    void hostPackagesHaveNoCycle() {
        assertFalse(MAIN.isEmpty());
        PackageRules.freeOfCycles(HOST).check(MAIN);
    }

    @Test
    void helpersSeveralCommandAreasUseLiveInCliOrSerial() {
        PackageRules.sharedHelpersInLibraries(HOST, LIBRARIES).check(MAIN);
    }

    @Test
    void theCycleRuleSeesTwoPackagesThatImportEachOther() {
        EvaluationResult result = PackageRules.freeOfCycles(FIXTURE + ".cyclic").evaluate(fixture("cyclic"));
        assertTrue(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void theHelperRuleSeesAHelperTwoAreasShareOutsideCli() {
        EvaluationResult result = PackageRules.sharedHelpersInLibraries(FIXTURE + ".shared", Set.of("cli"))
                .evaluate(fixture("shared"));
        assertTrue(result.getFailureReport().toString().contains("shared.one.Helper"), result.getFailureReport().toString());
        assertFalse(result.getFailureReport().toString().contains("shared.cli.Helper"), result.getFailureReport().toString());
    }

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + name);
    }
}
