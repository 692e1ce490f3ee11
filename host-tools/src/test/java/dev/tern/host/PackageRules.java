package dev.tern.host;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the host tool, for any root package: one package per command area, no
 * cycle between them (the root package counts as one), and a helper that several areas use lives
 * in a library package (CLI-wide helpers in {@code cli}), not in one of the areas.
 */
final class PackageRules {

    private PackageRules() {
    }

    /** The root package and each of its direct subpackages (with everything below it) as one slice; no cycle. */
    static ArchRule freeOfCycles(String root) {
        return slices().assignedFrom(areaOf(root)).should().beFreeOfCycles();
    }

    /**
     * A class of an area package is used from at most one other area: what two areas share
     * belongs in one of the {@code libraries} (e.g. {@code cli}, {@code serial}).
     */
    static ArchRule sharedHelpersInLibraries(String root, Set<String> libraries) {
        return classes().that().resideInAPackage(root + "..")
                .should(beUsedByAtMostOneOtherArea(root, libraries))
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> beUsedByAtMostOneOtherArea(String root, Set<String> libraries) {
        return new ArchCondition<>("be used by at most one other area package unless in " + libraries) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String home = area(root, item.getPackageName());
                if (home.isEmpty() || libraries.contains(home)) {
                    return;
                }
                Set<String> users = new TreeSet<>();
                for (Dependency dependency : item.getDirectDependenciesToSelf()) {
                    String user = area(root, dependency.getOriginClass().getPackageName());
                    if (!user.isEmpty() && !user.equals(home)) {
                        users.add(user);
                    }
                }
                if (users.size() > 1) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " lives in area '" + home
                            + "' but areas " + users + " use it: move it to one of " + libraries));
                }
            }
        };
    }

    private static SliceAssignment areaOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String packageName = javaClass.getPackageName();
                if (!packageName.equals(root) && !packageName.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String area = area(root, packageName);
                return SliceIdentifier.of(area.isEmpty() ? "(root)" : area);
            }

            @Override
            public String getDescription() {
                return "areas of " + root;
            }
        };
    }

    /** The first package name below {@code root}; empty for the root package itself and for packages outside it. */
    private static String area(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return "";
        }
        String below = packageName.substring(root.length() + 1);
        int dot = below.indexOf('.');
        return dot < 0 ? below : below.substring(0, dot);
    }
}
