package com.shopkeeper.insight;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to check a dashboard against a scrape: the metric names an expression
 * reads, the equality matchers it filters on, the labels it groups by.
 */
final class PromQl {

    /** {@code metric{label="value"}}. */
    record Equality(String metric, String label, String value) {
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern EQUALS = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");

    private PromQl() {
    }

    /** The metric names an expression reads: identifiers that are not functions, keywords, labels or variables. */
    static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The {@code label="value"} matchers of each selector ({@code =~}, {@code !=} and {@code !~} do not
     * match the pattern), leaving out values that are dashboard variables.
     */
    static List<Equality> equalities(String expr) {
        List<Equality> out = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher eq = EQUALS.matcher(selector.group(2));
            while (eq.find()) {
                if (!eq.group(2).contains("$")) {
                    out.add(new Equality(selector.group(1), eq.group(1), eq.group(2)));
                }
            }
        }
        return out;
    }

    /** The labels named in by (...) and without (...) clauses, but le, the histograms' own. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = GROUPING.matcher(expr);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.isBlank() && !label.strip().equals("le")) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }
}
