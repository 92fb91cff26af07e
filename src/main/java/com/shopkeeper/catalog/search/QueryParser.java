package com.shopkeeper.catalog.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what a shopper typed into product words. Anything may arrive (quotes, operators, emoji,
 * pages of text): only letters and digits survive {@link Words}, so nothing typed can change the
 * meaning of the engine's query syntax. Chat filler ("hey do u have", "pls", "available??") is
 * dropped so that it cannot outweigh the product words, and a stated price limit becomes a filter.
 */
final class QueryParser {

    /** Longer input is cut: no real query is this long, and the work per query stays bounded. */
    static final int MAX_CHARS = 500;
    static final int MAX_GROUPS = 12;

    // Spaces possessive and only beside what they separate: "\\s*\\$?\\s*" tried every split of a run
    // of spaces between its two halves (quadratic in the run).
    private static final String AMOUNT = "(?:\\$\\s*+)?(\\d{1,9}(?:[.,]\\d{1,2})?)(?:\\s*+(?:\\$|usd|dollars?|bucks))?";
    private static final Pattern MAX_PRICE = Pattern.compile(
            "(?:under|below|less than|cheaper than|no more than|not more than|at most|max(?:imum)?|up to|within|<=?)\\s*+"
                    + AMOUNT, Pattern.CASE_INSENSITIVE);
    private static final Pattern MIN_PRICE = Pattern.compile(
            "(?:over|above|more than|at least|min(?:imum)?|from|>=?)\\s*+" + AMOUNT, Pattern.CASE_INSENSITIVE);
    private static final Pattern BETWEEN = Pattern.compile(
            "between\\s*+" + AMOUNT + "\\s*+(?:and|-|to)\\s*+" + AMOUNT, Pattern.CASE_INSENSITIVE);

    /**
     * Words that carry no product meaning in a shop chat. Kept short on purpose: a word that could
     * name a product or a property (set, light, glass, one-piece...) is not here.
     */
    private static final Set<String> FILLER = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "with", "for", "from", "into",
            "hey", "hi", "hello", "hiya", "yo", "heya", "pls", "plz", "please", "thanks", "thank", "thx", "ok", "okay",
            "u", "you", "ya", "ur", "your", "do", "does", "did", "have", "has", "got", "any", "anything", "available",
            "sell", "sells", "selling", "stock", "stocked", "carry", "show", "me", "browse", "find", "see", "get",
            "need", "needs", "want", "wanna", "would", "like", "could", "can", "i", "im", "my", "we", "our", "is", "are",
            "it", "its", "this", "that", "these", "those", "some", "something", "somewhere", "someone", "stuff",
            "one", "ones", "there", "here", "what", "which", "where", "how", "much", "just", "really", "very", "also",
            "maybe", "good", "nice", "cheap", "price", "priced", "under", "below", "dollars", "usd", "bucks",
            "search", "searching", "buy", "buying", "shop");

    private QueryParser() {
    }

    static ParsedQuery parse(String query) {
        String text = query == null ? "" : query;
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS);
        }
        BigDecimal min = null;
        BigDecimal max = null;
        Matcher between = BETWEEN.matcher(text);
        if (between.find()) {
            min = amount(between.group(1));
            max = amount(between.group(2));
            text = text.substring(0, between.start()) + " " + text.substring(between.end());
        }
        Matcher under = MAX_PRICE.matcher(text);
        if (max == null && under.find()) {
            max = amount(under.group(1));
            text = text.substring(0, under.start()) + " " + text.substring(under.end());
        }
        Matcher over = MIN_PRICE.matcher(text);
        if (min == null && over.find()) {
            min = amount(over.group(1));
            text = text.substring(0, over.start()) + " " + text.substring(over.end());
        }

        List<String> words = Words.of(text);
        List<ParsedQuery.Group> groups = new ArrayList<>();
        List<String> meaningful = new ArrayList<>();
        for (int i = 0; i < words.size() && groups.size() < MAX_GROUPS; i++) {
            String w = words.get(i);
            if (w.equals("size") && i + 1 < words.size()) {
                // "size M" names one size: as a phrase, not "size" anywhere and "m" anywhere.
                String value = words.get(++i);
                groups.add(new ParsedQuery.Group("size " + value,
                        List.of(new ParsedQuery.Alternative(List.of("size", value), false))));
                meaningful.add("size " + value);
                continue;
            }
            // "looking for" is chat; "looking glass" is a product.
            boolean chat = w.equals("looking") && i + 1 < words.size() && words.get(i + 1).equals("for");
            if (chat || FILLER.contains(w) || w.length() > 40) {
                continue;
            }
            // "wireless mice": a plural no stemmer undoes is searched as the word the names say ("Mouse")
            w = com.shopkeeper.llm.SearchWords.IRREGULAR_PLURALS.getOrDefault(w, w);
            groups.add(ParsedQuery.Group.of(w));
            meaningful.add(w);
        }
        List<String> all = words.size() > 64 ? words.subList(0, 64) : words;
        return new ParsedQuery(groups, String.join(" ", meaningful), List.copyOf(all), min, max);
    }

    private static BigDecimal amount(String digits) {
        return new BigDecimal(digits.replace(',', '.'));
    }
}
