package com.shopkeeper.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A package per feature, and no two features that need each other: a cycle between top-level
 * packages means neither can be understood, tested or replaced alone (a port in the one that
 * calls, implemented by the other, breaks it).
 */
class PackageCyclesTest {

    static final ArchRule TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES =
            slices().matching("com.shopkeeper.(*)..").should().beFreeOfCycles();

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        // The compiled main classes only, without resolving every library class they name (as in
        // MoneyArchitectureTest): dependencies between our own classes are all the rule reads.
        JavaClasses main = ArchConfiguration.withThreadLocalScope(config -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(Path.of("target", "classes", "com", "shopkeeper"));
        });
        assertThat(main).as("the rule sees the production classes").hasSizeGreaterThan(100);
        TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES.check(main);
    }

    /** The rule itself finds a cycle (so that a broken rule cannot pass silently). */
    @Test
    void theRuleFindsACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("com.shopkeeper.architecture.cyclic");
        assertThat(slices().matching("com.shopkeeper.architecture.cyclic.(*)..").should().beFreeOfCycles()
                .evaluate(cyclic).hasViolation()).isTrue();
    }
}
