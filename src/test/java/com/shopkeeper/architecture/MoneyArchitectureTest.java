package com.shopkeeper.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Money is exact: no {@code double} or {@code float} (nor their boxes) anywhere in the classes that
 * price, total or pay: no such field, and no method or constructor that takes or returns one.
 */
class MoneyArchitectureTest {

    /** The money paths. The catalog's subpackages (search scores) are not money and are left out. */
    static final String[] MONEY_PACKAGES = {"com.shopkeeper.order..", "com.shopkeeper.payment..",
            "com.shopkeeper.money..", "com.shopkeeper.cart..", "com.shopkeeper.catalog"};

    private static final Set<String> FLOATING = Set.of("double", "float", "java.lang.Double", "java.lang.Float");

    /**
     * The compiled main classes only. The rules read field, parameter and return types, which the
     * class files name: resolving every referenced library class from the classpath would only
     * cost time (this import's setting alone, the global configuration stays as it is).
     */
    private static final JavaClasses MAIN = ArchConfiguration.withThreadLocalScope(config -> {
        config.setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(java.nio.file.Path.of("target", "classes", "com", "shopkeeper"));
    });

    static List<ArchRule> noFloatingPointIn(String... packages) {
        ArchRule noFields = fields().that().areDeclaredInClassesThat().resideInAnyPackage(packages)
                .should(new ArchCondition<JavaField>("not be double or float") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        if (isFloating(field.getRawType())) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is "
                                    + field.getRawType().getName() + " in " + field.getSourceCodeLocation()));
                        }
                    }
                });
        ArchRule noSignatures = codeUnits().that().areDeclaredInClassesThat().resideInAnyPackage(packages)
                .should(new ArchCondition<JavaCodeUnit>("neither take nor return double or float") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean bad = isFloating(unit.getRawReturnType())
                                || unit.getRawParameterTypes().stream().anyMatch(MoneyArchitectureTest::isFloating);
                        if (bad) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName()
                                    + " takes or returns a floating-point number in " + unit.getSourceCodeLocation()));
                        }
                    }
                });
        return List.of(noFields.allowEmptyShould(true), noSignatures.allowEmptyShould(true));
    }

    private static boolean isFloating(JavaClass type) {
        return FLOATING.contains(type.getName());
    }

    @Test
    void moneyPathsHaveNoFloatingPoint() {
        assertThat(MAIN.that(DescribedPredicate.describe("in order", c -> c.getPackageName().startsWith("com.shopkeeper.order"))))
                .as("the rule sees the production classes").isNotEmpty();
        noFloatingPointIn(MONEY_PACKAGES).forEach(rule -> rule.check(MAIN));
    }

    /** The rule itself catches what it is for (so that a broken rule cannot pass silently). */
    @Test
    void theRuleCatchesADoubleFieldParameterAndReturn() {
        JavaClasses bad = new ClassFileImporter().importClasses(Fixture.class);
        String pkg = Fixture.class.getPackageName();
        List<ArchRule> rules = noFloatingPointIn(pkg);
        assertThat(rules.get(0).evaluate(bad).getFailureReport().getDetails()).anyMatch(d -> d.contains("price"));
        assertThat(rules.get(1).evaluate(bad).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("discount")).anyMatch(d -> d.contains("ratio"));
    }

    @SuppressWarnings("unused")
    static final class Fixture {
        private double price;

        Fixture(Double price) {
            this.price = price;
        }

        float ratio() {
            return 0.5f;
        }

        void discount(long cents, double rate) {
        }
    }
}
