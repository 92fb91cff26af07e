package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search as the catalog wants it: the shopper's product words with the chat around them taken
 * out ("hey do u have any blue sofas under 500 pls?" → "blue sofas", max 500), plus a category the
 * shopper named ("in electronics") and how many results they asked to see ("show me 3 lamps").
 */
record SearchQuery(String query, String category, PriceRange price, Integer limit) {

    /** Broad departments a shopper names as such; the catalog's deeper categories are left to the query. */
    static final List<String> CATEGORIES = List.of("pet supplies", "home decor", "kitchen & dining", "kitchen", "electronics",
            "furniture", "toys & games", "toys", "garden & patio", "garden", "beauty & personal care", "beauty",
            "sports & outdoors", "sports", "outdoors", "office supplies", "office", "women's clothing", "men's clothing",
            "clothing", "shoes", "lighting", "fitness", "travel", "accessories", "smart home", "audio", "wearables");

    private static final Pattern CATEGORY = Pattern.compile("\\b(?:in|from|under|browse|within)\\s+(?:the\\s+|your\\s+)?("
            + String.join("|", CATEGORIES.stream().map(Pattern::quote).toList())
            + ")(?:\\s+(?:section|category|department|dept|aisle|range))?\\b"
            + "|\\b(" + String.join("|", CATEGORIES.stream().map(Pattern::quote).toList())
            + ")\\s+(?:section|category|department|dept|aisle)\\b");
    private static final Pattern LIMIT = Pattern.compile("\\b(?:show me|show|list|see|give me|top|best|first)\\s+(?:the\\s+)?(?:top\\s+)?"
            + "(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\\b(?!\\s*(?:st|nd|rd|th|x|of|more)\\b)(?!\\s*$)");

    private static final Pattern PUNCTUATION = Pattern.compile("[?!.,:;\"]+");
    // "photo frames, 3 pieces", "mugs x4": how many, said with the search, is no product word.
    private static final Pattern COUNT = Pattern.compile("\\b\\d{1,3}\\s?(?:pcs|pieces?|units?)\\b|\\bx\\s?\\d{1,3}\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,2}");

    // Chat before the product words: greetings, asks, articles, vague adjectives.
    private static final Set<String> LEADING = Set.of(
            "hey", "hi", "top", "best", "i'd", "i'll", "newest", "latest", "popular", "most", "help", "finding",
            "hello", "yo", "so", "ok", "okay", "nah", "no", "actually", "also", "um", "hmm", "please", "do",
            "does", "you", "have", "has", "got", "any", "anything", "something", "some", "show", "me", "find",
            "search", "searching", "for", "looking", "look", "i'm", "i", "am", "need", "want", "to", "buy", "get",
            "a", "an", "the", "can", "could", "would", "where", "what", "what's", "about", "is", "are", "there",
            "new", "good", "nice", "cheap", "cheaper", "cheapest", "affordable", "other", "more", "stuff",
            "things", "sell", "carry", "stock", "in", "of", "my", "your", "let", "see", "browse", "like", "really",
            "maybe", "just", "then", "tell", "instead", "else", "we", "us", "kind", "type", "types", "kinds",
            "options", "wanted", "and", "with", "still", "again", "available", "own", "which", "one", "ones",
            "recommend", "suggest", "how", "much");
    private static final Set<String> TRAILING = Set.of(
            "please", "thanks", "you", "have", "asap", "instead", "now", "today", "too", "then", "there",
            "available", "for", "sale", "in", "stock", "got", "carry", "sell", "options", "maybe", "again", "any",
            "anything", "else", "do", "a", "the", "some", "here", "guys", "mate", "thank", "that", "we", "really",
            "one", "ones");

    static SearchQuery in(Utterance u) {
        String t = u.text();
        PriceRange price = PriceRange.in(t);
        t = price.rest();
        String category = null;
        Matcher c = CATEGORY.matcher(t);
        if (c.find()) {
            category = c.group(1) != null ? c.group(1) : c.group(2);
            t = t.substring(0, c.start()) + " " + t.substring(c.end());
        }
        Integer limit = null;
        Matcher l = LIMIT.matcher(t);
        if (l.find()) {
            OptionalInt n = Quantity.value(l.group(1));
            if (n.isPresent() && n.getAsInt() <= 10) {
                limit = n.getAsInt();
                t = t.substring(0, l.start(1)) + " " + t.substring(l.end(1));
            }
        }
        String query = productWords(COUNT.matcher(t).replaceAll(" "));
        if (query.isEmpty() && category != null) {
            query = category;
        }
        return new SearchQuery(query, category, price, limit);
    }

    Optional<String> queryText() {
        return query.isBlank() ? Optional.empty() : Optional.of(query);
    }

    /** The product words in {@code t}: leading and trailing chat dropped, inner words kept ("toys for a 5 year old"). */
    static String productWords(String t) {
        String s = SPACES.matcher(PUNCTUATION.matcher(t).replaceAll(" ")).replaceAll(" ").strip();
        List<String> words = new ArrayList<>(List.of(s.isEmpty() ? new String[0] : SPACE.split(s)));
        while (!words.isEmpty() && (LEADING.contains(words.getFirst()) || SMALL_NUMBER.matcher(words.getFirst()).matches())) {
            words.removeFirst();
        }
        while (!words.isEmpty() && TRAILING.contains(words.getLast())) {
            words.removeLast();
        }
        return String.join(" ", words);
    }
}
