package com.shopkeeper.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No regular expression that reads shopper text can be made to backtrack: every one of them does
 * work that grows linearly with the text (issue 13, item 8: one long word once pinned a worker
 * for minutes).
 *
 * <p>Every static {@link Pattern} field of the classes in {@link #SHOPPER_TEXT_PACKAGES} (found in
 * the compiled classes, so a new one is covered without being listed here; {@link
 * #regularExpressionsThatReadShopperTextAreStaticPatterns} makes sure there are no others) is fed adversarial texts of
 * two lengths, 8 times apart: one long word, runs of one separator, near-miss repetitions of the
 * pattern's own words, a word of the pattern followed by a long word or a run of spaces. Work is
 * counted, not timed: the matcher reads the text through a {@link CharSequence} that counts its
 * {@code charAt} calls, so the figures are the same on any machine and under any load. A pattern
 * fails when its work grows more than {@link #MAX_GROWTH} times faster than the text, or exceeds a
 * budget per character (what catastrophic backtracking does long before the longer text ends).
 */
class ShopperTextPatternsTest {

    /** Where shopper text (and the model's words about it) is read with regular expressions. */
    static final String[] SHOPPER_TEXT_PACKAGES = {"com.shopkeeper.llm", "com.shopkeeper.catalog.search",
            "com.shopkeeper.engine", "com.shopkeeper.messaging", "com.shopkeeper.insight"};

    static final int SHORT = 64;
    static final int LONG = 8 * SHORT;
    /** Work per character of text, per length: linear work stays at about the same figure. */
    static final double MAX_GROWTH = 2.0;
    /** charAt calls per character of text that no linear pattern here comes near (the largest do ~300). */
    static final long BUDGET_PER_CHAR = 5_000;

    private static final JavaClasses MAIN = ArchConfiguration.withThreadLocalScope(config -> {
        config.setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(java.nio.file.Path.of("target", "classes", "com", "shopkeeper"));
    });

    @Test
    void everyPatternThatReadsShopperTextWorksInLinearTime() {
        Map<String, Pattern> patterns = patternsIn(MAIN, SHOPPER_TEXT_PACKAGES);
        assertThat(patterns.keySet()).as("the patterns are found").contains(
                "com.shopkeeper.llm.offline.ProductRef.DEFINITE", "com.shopkeeper.llm.offline.ProductRef.NOISE",
                "com.shopkeeper.catalog.search.QueryParser.MAX_PRICE").hasSizeGreaterThan(80);
        List<String> failures = patterns.entrySet().parallelStream()
                .flatMap(e -> check(e.getValue()).map(f -> e.getKey() + ": " + f).stream()).sorted().toList();
        assertThat(failures).as("patterns whose work grows faster than the text").isEmpty();
    }

    /**
     * Every regular expression in these packages is a static Pattern field, so that the test above
     * sees it: none compiled on the fly by String.matches, replaceAll, replaceFirst or split, nor
     * by Pattern.compile or Pattern.matches outside a static initializer.
     */
    @Test
    void regularExpressionsThatReadShopperTextAreStaticPatterns() {
        ArchRule rule = noClasses().that().resideInAnyPackage(packagesForArchUnit())
                .should().callMethod(String.class, "matches", String.class)
                .orShould().callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould().callMethod(String.class, "replaceFirst", String.class, String.class)
                .orShould().callMethod(String.class, "split", String.class)
                .orShould().callMethod(String.class, "split", String.class, int.class)
                .orShould().callMethod(String.class, "splitWithDelimiters", String.class, int.class)
                .orShould().callMethod(Pattern.class, "matches", String.class, CharSequence.class)
                .orShould(compilePatternsOutsideStaticInitializers())
                .because("a pattern that reads shopper text must be a static field, where ShopperTextPatternsTest checks it");
        rule.check(MAIN);
    }

    /** The check catches what it is for, so that a broken check cannot pass in silence. */
    @Test
    void theCheckCatchesCatastrophicAndQuadraticBacktracking() {
        // ProductRef.DEFINITE as it was: a word could be split into 1 to 4 pieces every way.
        assertThat(check(Pattern.compile("\\b(?:the|that|this|those|these)\\s+((?:[a-z0-9'&-]+\\s*){1,4}?)"
                + "(?=\\s*(?:$|[?!.,:;]|\\b(?:of|in|on|for|from|to|is|and)\\b))")))
                .hasValueSatisfying(f -> assertThat(f).contains("budget"));
        assertThat(check(Pattern.compile("under\\s*\\$?\\s*(\\d{1,9})"))).isPresent();
        assertThat(check(Pattern.compile("\\s+(?:one|ones)$"))).isPresent();
        assertThat(check(Pattern.compile("\\btake\\b.*\\bout\\b"))).isPresent();
        assertThat(check(Pattern.compile("\\b(?:take|put)\\s+(\\d{1,3})\\b"))).isEmpty();
        assertThat(check(Pattern.compile("\\s+"))).isEmpty();
    }

    /** ...and the rule catches a regular expression compiled where the check cannot see it. */
    @Test
    void theRuleCatchesARegularExpressionOutsideAStaticField() {
        JavaClasses fixture = new ClassFileImporter().importClasses(InlineRegex.class);
        ArchRule rule = noClasses().should().callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould(compilePatternsOutsideStaticInitializers());
        assertThat(rule.evaluate(fixture).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("replaceAll")).anyMatch(d -> d.contains("Pattern.compile"));
    }

    @SuppressWarnings("unused")
    static final class InlineRegex {
        static String squeeze(String s) {
            return s.replaceAll("\\s+", " ");
        }

        static boolean word(String s) {
            return Pattern.compile("\\w+").matcher(s).matches();
        }
    }

    private static String[] packagesForArchUnit() {
        String[] packages = new String[SHOPPER_TEXT_PACKAGES.length];
        for (int i = 0; i < packages.length; i++) {
            packages[i] = SHOPPER_TEXT_PACKAGES[i] + "..";
        }
        return packages;
    }

    /** Pattern.compile called anywhere but a static initializer (or a static helper only static initializers call). */
    private static ArchCondition<JavaClass> compilePatternsOutsideStaticInitializers() {
        // Reported as satisfied: the rules say no class should do this.
        return new ArchCondition<>("compile a Pattern outside a static initializer") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(Pattern.class) && call.getName().equals("compile")
                            && !staticallyInitialising(call.getOrigin())) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getOrigin().getFullName()
                                + " calls Pattern.compile outside a static initializer in " + call.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    private static boolean staticallyInitialising(JavaCodeUnit unit) {
        if (unit instanceof JavaStaticInitializer) {
            return true;
        }
        return unit.getModifiers().contains(JavaModifier.STATIC) && !unit.getCallsOfSelf().isEmpty()
                && unit.getCallsOfSelf().stream().allMatch(call -> call.getOrigin() instanceof JavaStaticInitializer);
    }

    /** The static Pattern fields of the classes in {@code packages}, by qualified field name. */
    static Map<String, Pattern> patternsIn(JavaClasses classes, String... packages) {
        Map<String, Pattern> found = new LinkedHashMap<>();
        for (JavaClass c : classes) {
            if (!inAny(c.getPackageName(), packages)) {
                continue;
            }
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.STATIC) && f.getRawType().isEquivalentTo(Pattern.class)) {
                    found.put(c.getName() + "." + f.getName(), read(f));
                }
            }
        }
        return found;
    }

    private static boolean inAny(String pkg, String... packages) {
        for (String p : packages) {
            if (pkg.equals(p) || pkg.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Pattern read(JavaField f) {
        try {
            Field field = f.reflect();
            field.setAccessible(true);
            return (Pattern) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(f.getFullName(), e);
        }
    }

    /** Why {@code pattern} is not linear on some adversarial text, or empty when it is on all of them. */
    static java.util.Optional<String> check(Pattern pattern) {
        String worst = null;
        double worstGrowth = 0;
        for (Shape shape : shapes(pattern)) {
            String small = shape.build(SHORT);
            String large = shape.build(LONG);
            for (boolean whole : new boolean[] {false, true}) {
                long w1;
                long w2;
                try {
                    w1 = work(pattern, small, whole);
                    w2 = work(pattern, large, whole);
                } catch (OverBudget e) {
                    return java.util.Optional.of("over the work budget (" + BUDGET_PER_CHAR + " reads a character) on "
                            + shape + (whole ? ", whole-text match" : ", find"));
                }
                double growth = ((double) w2 / Math.max(w1, 1)) / ((double) large.length() / small.length());
                if (growth > worstGrowth) {
                    worstGrowth = growth;
                    worst = shape + (whole ? ", whole-text match" : ", find") + ": " + w1 + " reads at " + small.length()
                            + " chars, " + w2 + " at " + large.length();
                }
            }
        }
        return worstGrowth > MAX_GROWTH
                ? java.util.Optional.of(String.format("work grows %.1f times faster than the text on %s", worstGrowth, worst))
                : java.util.Optional.empty();
    }

    /** charAt calls a whole-text match, or finding every match (what replaceAll and split do), makes on {@code text}. */
    static long work(Pattern pattern, String text, boolean whole) {
        Counting counting = new Counting(text, BUDGET_PER_CHAR * text.length());
        Matcher m = pattern.matcher(counting);
        if (whole) {
            m.matches();
        } else {
            while (m.find()) {
                // every match, as replaceAll and split look for them
            }
        }
        return counting.reads;
    }

    /** An adversarial text of about a given length: a head, a unit repeated, a tail. */
    record Shape(String head, String unit, String tail) {

        String build(int length) {
            StringBuilder s = new StringBuilder(head);
            while (s.length() + tail.length() < length) {
                s.append(unit);
            }
            return s.append(tail).toString();
        }

        @Override
        public String toString() {
            return "\"" + escape(head) + "\" + \"" + escape(unit) + "\"* + \"" + escape(tail) + "\"";
        }

        private static String escape(String s) {
            return s.replace("\n", "\\n").replace("\t", "\\t");
        }
    }

    /** Characters that end, separate or fill the tokens these patterns look for. */
    private static final List<String> FILLERS = List.of(" ", "a", "x", "1", "#", "$", ".", ",", "-", "'", "&", "?", "!",
            ":", "/", "+", "\n", "\t", "é", "\uD83D\uDE00", "A");
    /** What follows a run, so that a pattern that wants something after it must give up. */
    private static final List<String> TAILS = List.of("", "#", "!");
    private static final List<String> TOKEN_TAILS = List.of("", "#");

    static List<Shape> shapes(Pattern pattern) {
        Set<Shape> shapes = new LinkedHashSet<>();
        for (String c : FILLERS) {
            for (String tail : TAILS) {
                shapes.add(new Shape("", c, tail));       // one long word, or a run of one separator
                shapes.add(new Shape("a", c, tail + "a"));
            }
        }
        for (String token : tokens(pattern)) {
            for (String tail : TOKEN_TAILS) {
                shapes.add(new Shape("", token + " ", tail));      // near misses: the pattern's own words, again and again
                shapes.add(new Shape("", token, tail));
                shapes.add(new Shape("", token + ", ", tail));
                shapes.add(new Shape(token + " ", "x", tail));     // one of its words, then one long word
                shapes.add(new Shape(token, " ", tail + "x"));     // one of its words, then a run of spaces
                shapes.add(new Shape(token + " ", "1", tail));     // one of its words, then a long number
            }
        }
        return List.copyOf(shapes);
    }

    /** The literal words and phrases in a pattern's source ("the", "take off", "i'd like to", "$"). */
    static Set<String> tokens(Pattern pattern) {
        String s = pattern.pattern();
        s = s.replaceAll("\\\\[pP]\\{[^}]*}", "|")        // \p{L}
                .replaceAll("\\\\[a-zA-Z]", "|")              // \b \s \d
                .replaceAll("\\[(?:\\\\.|[^]\\\\])*]", "|")   // [a-z0-9'&-]
                .replaceAll("\\{\\d+(?:,\\d*)?}", "|")        // {1,4}
                .replaceAll("\\(\\?(?:[:=!>]|<[=!]|[a-zA-Z]+\\)|[a-zA-Z]+:)", "|")
                .replaceAll("\\\\(.)", "$1");                 // \. \$ \?
        Set<String> tokens = new LinkedHashSet<>();
        for (String piece : s.split("[|()?*+^]")) {
            String t = piece.strip();
            if (!t.isEmpty() && t.length() <= 40) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The text, counting how often the matcher reads a character of it. */
    static final class Counting implements CharSequence {
        private final String text;
        private final long budget;
        long reads;

        Counting(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new OverBudget();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
