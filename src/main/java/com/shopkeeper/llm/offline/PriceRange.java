package com.shopkeeper.llm.offline;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Price limits in a search ("under $50", "over 20 dollars", "between 10 and 30", "from 30 to 80",
 * "max 40", "at least 50") and the text with those words taken out, so they do not end up in the query.
 */
record PriceRange(BigDecimal min, BigDecimal max, String rest) {

    // Spaces are taken possessively and only next to what they separate: "\\s*$?\\s*" tried every split
    // of a run of spaces between its two halves, and a pattern that may start with spaces was tried
    // from each of them (both quadratic in a run of spaces).
    private static final String CUR = "(?:(?:[$£€₹]|usd|eur|inr|rs\\.?)\\s*+)?";
    private static final String AMOUNT = CUR + "(\\d{1,7}(?:[.,]\\d{1,2})?)(?:\\s*+(?:dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp"
            + "|rupees?|rs|inr|[$£€₹]))?";
    private static final Pattern BETWEEN = Pattern.compile(
            "\\b(?:between|from|in the range of|range)\\s++" + AMOUNT + "\\s*+(?:and|to|-|–)\\s*+" + AMOUNT);
    private static final Pattern DASH = Pattern.compile(CUR + "(\\d{1,7}(?:[.,]\\d{1,2})?)\\s*+(?:-|–|to)\\s*+" + AMOUNT
            + "(?<=\\d|dollars|bucks|usd|euros|euro|eur|pounds|pound|quid|gbp|[$£€])(?=\\s|$|[?!.,])");
    private static final Pattern MAX = Pattern.compile("(?:\\b(?:nothing (?:over|above)|not (?:over|above)|under|below|less than"
            + "|cheaper than|no more than|not more than"
            + "|up to|upto|max(?:imum)?|at most|within|budget(?: is| of)?+(?: about| around| roughly| approximately| approx)?+|for less than"
            // the same said in a few words of another language: "unter 50", "bis 50", "menos de 50", "hasta 50"
            + "|unter|bis|höchstens|hochstens|menos de|máximo|maximo|hasta)|<)\\s*+" + AMOUNT);
    /** A limit said after the amount: "50 or less", "30 max", "40 tops", "20 at most". */
    private static final Pattern MAX_AFTER = Pattern.compile("(?<![\\d.,])" + AMOUNT
            + "\\s++(?:or (?:less|under|below|lower|cheaper)|max(?:imum)?|tops|at (?:the )?most)\\b");
    /** A floor said after the amount: "100 or more", "50 and up", "200 plus". */
    private static final Pattern MIN_AFTER = Pattern.compile("(?<![\\d.,])" + AMOUNT
            + "\\s++(?:or (?:more|over|above|higher)|and (?:up|above|over)|plus)\\b");
    /** "2k", "1.5k": thousands, as shoppers write a price. */
    private static final Pattern THOUSANDS = Pattern.compile("\\b(\\d{1,3}(?:\\.\\d)?)\\s?k\\b");
    private static final Pattern MIN = Pattern.compile("(?:\\b(?:over|above|more than|at least|min(?:imum)?|starting at"
            + "|from|upwards of)|>)\\s*+" + AMOUNT);
    /**
     * "cheapr than 60", "lower than $40", "pricier than 100": a comparison however it is spelled, read
     * after MAX and MIN; only these words raise the floor ("more than" is MIN's).
     */
    private static final Pattern THAN = Pattern.compile("\\b(?:(?<no>nothing|not|no|less)\\s++)?+(?:more\\s++)?+([a-z]{3,})\\s++than"
            + "\\s*+(?:(?:about|around|roughly|approximately|approx|like)\\s++)?+" + AMOUNT
            // "$100 a set", "20 each": the price of one, not more words of the product
            + "(?:\\s++(?:(?:a|per)\\s++(?:set|piece|pair|pack|unit|item|one)|each|apiece)\\b)?+");
    /**
     * Comparisons that say above the amount ("pricier than 100", "more expensive than 80"); after a "not", a "nothing" or a
     * "less" ("nothing fancier than about $100 a set", "less expensive than 50") they say below it.
     */
    private static final java.util.Set<String> ABOVE = java.util.Set.of("higher", "greater", "pricier", "dearer", "costlier",
            "bigger", "larger", "expensive", "fancier", "posher");
    private static final Pattern LETTER_OR_CURRENCY = Pattern.compile("[a-z£€]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static PriceRange in(String text) {
        String spelled = thousands(NumberWords.inPrices(text));
        PriceRange read = read(spelled);
        // Amounts in words count only where they made a price: "lamps and two mugs" keeps its words.
        return spelled.equals(text) || read.min() != null || read.max() != null ? read : read(text);
    }

    private static PriceRange read(String text) {
        String rest = text;
        BigDecimal min = null;
        BigDecimal max = null;
        Matcher m = BETWEEN.matcher(rest);
        if (m.find()) {
            min = amount(m.group(1));
            max = amount(m.group(2));
            rest = cut(rest, m);
        }
        if (min == null && max == null) {
            m = DASH.matcher(rest);
            if (m.find() && (m.group().contains("$") || LETTER_OR_CURRENCY.matcher(m.group()).find())) {
                min = amount(m.group(1));
                max = amount(m.group(2));
                rest = cut(rest, m);
            }
        }
        // A limit said before the amount ("under 50"), else after it ("50 or less").
        for (Pattern limit : List.of(MAX, MAX_AFTER)) {
            m = limit.matcher(rest);
            if (max == null && find(m, rest)) {
                max = amount(m.group(1));
                rest = cut(rest, m);
            }
        }
        for (Pattern floor : List.of(MIN, MIN_AFTER)) {
            m = floor.matcher(rest);
            if (min == null && m.find()) {
                min = amount(m.group(1));
                rest = cut(rest, m);
            }
        }
        m = THAN.matcher(rest);
        if (min == null && max == null && m.find()) {
            if (ABOVE.contains(m.group(2)) == (m.group("no") == null)) {
                min = amount(m.group(3));
            } else {
                max = amount(m.group(3));
            }
            rest = cut(rest, m);
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            BigDecimal swap = min;
            min = max;
            max = swap;
        }
        return new PriceRange(min, max, SPACES.matcher(rest).replaceAll(" ").strip());
    }

    /** "bump that up to 2", "take the mugs up to 4": a count raised to, not a price limit. */
    private static final Pattern RAISED = Pattern.compile("\\b(?:bump|raise|increase|change|make|set|bring|take|turn)(?:\\s++(?:it|that|them|this"
            + "|those|these|(?:the|my)(?:\\s++[a-z0-9'&-]++){1,3}?))?+\\s*+$");

    /** The next limit {@code m} finds in {@code text} that is not a count raised to ({@link #RAISED}). */
    private static boolean find(Matcher m, String text) {
        while (m.find()) {
            String said = m.group();
            if (!(said.startsWith("up") && RAISED.matcher(text.substring(Math.max(0, m.start() - 40), m.start())).find())) {
                return true;
            }
        }
        return false;
    }

    private static String thousands(String text) {
        Matcher m = THOUSANDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1000)).toBigInteger().toString());
        }
        return m.appendTail(out).toString();
    }

    boolean isEmpty() {
        return min == null && max == null;
    }

    private static BigDecimal amount(String s) {
        BigDecimal a = new BigDecimal(s.replace(',', '.')).stripTrailingZeros();
        return a.scale() < 0 ? a.setScale(0) : a; // 500, not 5E+2
    }

    private static String cut(String s, Matcher m) {
        return s.substring(0, m.start()) + " " + s.substring(m.end());
    }
}
