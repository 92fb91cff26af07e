package com.shopkeeper.llm.offline;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pick with a count, the way shoppers order from a list they were shown: the product, then how
 * many ("the purple one, 2 of them", "give me the 2nd conditioner, 2 piece", "3rd one x2", "that
 * one, qty 20", "i want the mat, 1 please", "the aspen one ad 4"), or the count first ("and 1 of the
 * 1st"), or the count alone after a product was shown ("ok x4"). Read as an add of that many: the
 * engine then resolves the product against what was shown, and shows it first when it was not.
 *
 * <p>A bare number is a count only where nothing else can be meant: after a pointer, a position or
 * "the X one", after a comma or a full stop, or before "please" ("chunky knit 1 pls"). After plain
 * product words and a space it may be part of a name or a size ("size 10", "the kettleby 1"), and the
 * rule stands aside.
 */
final class PickWithCount {

    /** The product as said (none: the one under discussion) and how many. */
    record Pick(Optional<String> product, int quantity) {
    }

    private static final String COUNT_WORD = "\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve";
    // The count at the end. Every alternative is bounded and anchored at the end, so each start is tried in constant time.
    private static final Pattern TRAILING = Pattern.compile("(?:^|(?<sep>[,.;:])|(?<![\\s,.;:])\\s)\\s*+"
            + "(?:x\\s?(?<x>\\d{1,3})|(?<xb>\\d{1,3})\\s?x|quantity\\s?(?:of\\s)?(?<qty>\\d{1,3})"
            + "|(?<unit>" + COUNT_WORD + ")\\s(?:" + Quantity.UNITS + "|piece|unit|of (?:them|those|these|it|each)|each)"
            + "|(?<bare>\\d{1,3})|(?<=[,.;:]\\s)(?<spelt>one|two|three|four|five|six|seven|eight|nine|ten|twelve|a couple|a dozen|half a dozen))(?<polite>\\s(?:please|thanks|thank you))?\\s*+[.!]*+$");
    // The count first: "and 1 of the 1st", "2 of the blue ones", "n 1 for me the pink one", "two pairs of the cheapest ones".
    private static final Pattern LEADING = Pattern.compile("^(?:(?:and|also|plus|ok|okay|oh)\\s)*+(?<n>" + COUNT_WORD + ")\\s"
            + "(?!(?:dollars?|bucks|usd|euros?|pounds?|quid|pesos?|ringgit|baht|rupees?)\\b)(?:(?:" + Quantity.UNITS + ")\\s(?=of\\s))?+(?:(?:of|for me|more)\\s)*+(?<rest>.+)$");
    // Words around a pick that neither name the product nor change the request.
    private static final Pattern LEAD_FILLER = Pattern.compile("^(?:ok|okay|and also|and|also|plus|so|then|yes|yeah|yep|sure|oh|hmm|um"
            + "|well|right|alright|just|please|i want|i'll take|i take|i will take|i'll buy|i will buy|i buy|i'll have|give me|get me"
            + "|i'd like|i would like|i should like|add|take|buy|gimme|sorry|oops|my bad|aa++|ah++)\\b[\\s,.!^]*+");
    private static final Pattern TRAIL_FILLER = Pattern.compile("(?<![\\s,.!])[\\s,.!]*+\\b(?:for me|for my [a-z]+|for him|for her"
            + "|please|also|too|as well|then|add|thanks)$");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s,.!;:]++|(?<![\\s,.!;:])[\\s,.!;:]++$");
    private static final Pattern POINTER = Pattern.compile("^(?:this|that|it|those|these|them)(?:\\sones?)?$");
    private static final Pattern ORDINAL_PICK = Pattern.compile("^(?:the\\s)?(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th"
            + "|last)(?:\\s[a-z'-]++){0,2}$");
    // "the solar one", and as learners write it, "solar one", "white one"
    private static final Pattern NAMED_ONE = Pattern.compile("^(?:(?:the|that|this)\\s)?+(?!(?:which|any|each|every|no|some|which|what|other)\\s)"
            + "(?:[a-z0-9'&-]++\\s){1,3}+ones?$");
    private static final Pattern ENOUGH_FOR = Pattern.compile("[,.;:]\\s*+(enough\\s(?:for|of\\s(?:them|those|these|it)\\sfor)\\s[a-z0-9 ]{1,40}+)[.!]*+$");
    /** "the cheapest of those", "the dearest one": which of the list, by its price. */
    private static final Pattern PRICE_PICK = Pattern.compile("^(?:the\\s)?+(?:cheapest|cheaper|priciest|pricier|dearest|most\\sexpensive|least\\sexpensive)"
            + "(?:\\sones?+)?+(?:\\s(?:of|from)\\s(?:those|them|these|the\\stwo|the\\slot|the\\slist))?+$");
    private static final Pattern QUESTION = Pattern.compile("\\?|^(?:how|what|which|where|when|why|who|is|are|do|does|can|could)\\b");
    private static final Pattern SPACE = Pattern.compile(" ");

    private PickWithCount() {
    }

    /**
     * The pick in {@code text} (normalised, punctuation kept), if the message is one. {@code countAlone}:
     * whether a count with no product ("ok x4") is a pick of the product in focus; in the cart it may
     * as well be a new quantity for a line, and the rule stands aside.
     */
    static Optional<Pick> in(String text, boolean countAlone) {
        if (QUESTION.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher enough = ENOUGH_FOR.matcher(text);
        if (enough.find()) {
            // "The cheapest one, enough for 6 desks.": the pick, and as many as the people or places counted
            String rest = clean(text.substring(0, enough.start()));
            OptionalInt n = Quantity.in(enough.group(1));
            if (n.isPresent() && !rest.isEmpty() && kind(rest, true) == Kind.STRICT) {
                return Optional.of(new Pick(product(rest), n.getAsInt()));
            }
        }
        Matcher t = TRAILING.matcher(text);
        if (t.find()) {
            String count = first(t, "x", "xb", "qty", "unit", "bare", "spelt"); // "Juniper deep conditioner, two please"
            OptionalInt n = Quantity.value(count);
            String rest = clean(text.substring(0, t.start()));
            Kind kind = kind(rest, t.group("sep") != null);
            boolean bare = t.group("bare") != null;
            boolean loudly = !bare || t.group("sep") != null || t.group("polite") != null;
            if (n.isPresent() && (kind == Kind.STRICT && (countAlone || !rest.isEmpty()) || kind == Kind.WORDS && loudly)) {
                return Optional.of(new Pick(product(rest), n.getAsInt()));
            }
            return Optional.empty();
        }
        Matcher l = LEADING.matcher(text);
        if (l.matches()) {
            String rest = clean(l.group("rest"));
            OptionalInt n = Quantity.value(l.group("n"));
            if (n.isPresent() && !rest.isEmpty() && kind(rest, false) == Kind.STRICT) {
                return Optional.of(new Pick(product(rest), n.getAsInt()));
            }
        }
        return Optional.empty();
    }

    private enum Kind { STRICT, WORDS, NONE }

    /**
     * What is left once the count is out: a pointer, a position or "the X one" (strict), a few product words, or anything
     * else. {@code apart}: the count was set apart by a comma or a stop ("Speed jump rope, 2"), so the words before it are
     * the product as said, not a search with a count in it.
     */
    private static Kind kind(String rest, boolean apart) {
        if (rest.contains(" and ") || rest.contains(",")) {
            return Kind.NONE; // two things ("the 1st and 3rd one 1 each"): the message splits into requests instead
        }
        if (rest.isEmpty() || POINTER.matcher(rest).matches() || ORDINAL_PICK.matcher(rest).matches()
                || NAMED_ONE.matcher(rest).matches() || PRICE_PICK.matcher(rest).matches()) {
            return Kind.STRICT;
        }
        // "the mat", "the Winslow racquet": a definite name points at something shown. Product words
        // without "the" run on into a count may be a search with a count ("photo frames 3") and are left to it.
        if (!rest.startsWith("the ") && !apart) {
            return Kind.NONE;
        }
        String words = rest.startsWith("the ") ? rest.substring(4) : rest;
        boolean named = rest.startsWith("the ") || SPACE.splitAsStream(words).anyMatch(QueryTagger::catalogWord); // not "great, 2"
        return SPACE.split(words).length <= 3 && named && OfflineNlu.looksLikeProductWords(words) ? Kind.WORDS : Kind.NONE;
    }

    private static Optional<String> product(String rest) {
        return rest.isEmpty() ? Optional.empty() : ProductRef.in(Utterance.of(rest), rest, true);
    }

    private static String clean(String s) {
        String r = EDGE_PUNCTUATION.matcher(s).replaceAll("");
        String previous;
        do {
            previous = r;
            r = LEAD_FILLER.matcher(r).replaceFirst("");
            r = TRAIL_FILLER.matcher(r).replaceFirst("");
            r = EDGE_PUNCTUATION.matcher(r).replaceAll("");
        } while (!r.equals(previous));
        return r;
    }

    private static String first(Matcher m, String... groups) {
        return Arrays.stream(groups).map(m::group).filter(g -> g != null).findFirst().orElse("");
    }
}
