package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amounts said in words where a price is meant ("under fifteen dollars", "below a hundred", "two
 * hundred and fifty quid") written as digits, so the price rules read them as they read "15".
 * Only after a price word (under, below, over, max, between...) or before a currency: "two of
 * them" stays a count.
 */
final class NumberWords {

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);
    private static final Set<String> PRICE_BEFORE = Set.of("under", "below", "over", "above", "than", "max", "maximum", "min",
            "minimum", "to", "upto", "between", "and", "from", "budget", "around", "about", "most", "least", "within");
    private static final Set<String> CURRENCY_AFTER = Set.of("dollars", "dollar", "bucks", "usd", "euros", "euro", "eur",
            "pounds", "pound", "quid", "gbp");
    private static final Pattern SPACE = Pattern.compile(" ");

    private NumberWords() {
    }

    /** {@code text} (lower case, single spaces) with amounts in words after price words or before a currency as digits. */
    static String inPrices(String text) {
        String[] words = SPACE.split(text);
        List<String> out = new ArrayList<>(words.length);
        int i = 0;
        while (i < words.length) {
            int[] read = read(words, i);
            boolean priced = read != null && (i > 0 && PRICE_BEFORE.contains(words[i - 1])
                    || read[1] < words.length && CURRENCY_AFTER.contains(words[read[1]]));
            if (priced) {
                out.add(Integer.toString(read[0]));
                i = read[1];
            } else {
                out.add(words[i]);
                i++;
            }
        }
        return String.join(" ", out);
    }

    /** The value of the number words from {@code start} and where they end, or null when none start there. */
    private static int[] read(String[] w, int start) {
        int i = start;
        int value = 0;
        boolean any = false;
        if (i < w.length && (w[i].equals("a") || w[i].equals("one")) && i + 1 < w.length && w[i + 1].equals("hundred")) {
            value = 100;
            i += 2;
            any = true;
        } else if (i < w.length && UNITS.containsKey(w[i]) && i + 1 < w.length && w[i + 1].equals("hundred")) {
            value = UNITS.get(w[i]) * 100;
            i += 2;
            any = true;
        }
        if (any && i < w.length && w[i].equals("and") && i + 1 < w.length && (TENS.containsKey(w[i + 1]) || UNITS.containsKey(w[i + 1]))) {
            i++;
        }
        if (i < w.length && TENS.containsKey(w[i])) {
            value += TENS.get(w[i]);
            i++;
            any = true;
            if (i < w.length && UNITS.containsKey(w[i]) && UNITS.get(w[i]) < 10) {
                value += UNITS.get(w[i]);
                i++;
            }
        } else if (i < w.length && UNITS.containsKey(w[i])) {
            value += UNITS.get(w[i]);
            i++;
            any = true;
        }
        return any ? new int[] {value, i} : null;
    }
}
