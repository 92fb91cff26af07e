package com.shopkeeper.engine;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.SearchWords;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A search that builds on the last one (issue 14, item 2): "cheaper?", "under 100", "in blue",
 * "any others?" name no product of their own, so they keep the last search's subject and filters and
 * change what they say. A search that names a product ("lamps under 100") is a new search. Which words
 * only refine is decided here, for every provider: a model that drops the subject ("cheaper") is
 * refined the same way as the offline understanding.
 *
 * <p>Chat around a refinement ("any under $100?? ngl im broke", "have something under 150 dollar")
 * names nothing the shop sells: a word that is no word of any product's name (nor a typo of one) is
 * not a new subject. It only keeps the last subject when the message refines something (a price, a
 * "cheaper", "any others", a colour); "do you sell unicorns" stays a search for unicorns.
 */
final class Refinement {

    /**
     * Words that carry nothing of a product (filler, pronouns, price words), beside the words that say
     * how a search changes ({@link SearchWords#changes}), for size or colour or cost ({@link
     * SearchWords#ATTRIBUTES}, {@link SearchWords#PRICE_TALK}).
     */
    private static final Set<String> REFINING = Set.of("option", "any", "anything", "something", "ones", "one",
            "like", "that", "those", "these", "this", "them", "it", "its", "in", "under", "below", "over", "above", "than",
            "for", "the", "a", "an", "some", "show", "me", "got", "have", "has", "you", "do", "does", "what", "about", "how",
            "with", "please", "pls", "plz", "still", "instead", "too", "also", "maybe", "or", "and", "but", "not", "so",
            "what's", "whats", "is", "are", "there", "can", "could", "i", "see", "want", "need",
            "dollars", "dollar", "usd", "bucks", "buck", "eur", "euro", "euros", "pounds", "pound", "quid", "rs", "rupees", "max", "maximum", "min", "minimum", "around", "up", "to",
            "only", "just", "a bit", "bit", "much", "way", "ok", "okay", "hmm", "um");
    /** Words that narrow the subject without naming a product: kept, added to the last subject. */
    private static final Set<String> QUALIFIERS = SearchWords.QUALIFIERS;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final BigDecimal CENT = new BigDecimal("0.01");

    /**
     * The search to run and whether to leave out what was shown ("any others?"). {@code shown}: the
     * products of the last list, for "cheaper" and "pricier" than those. {@code asAsked}: the search as the message asked
     * it, to run when this refinement finds nothing; null when there is none to fall back on.
     */
    record Search(String query, String category, BigDecimal minPrice, BigDecimal maxPrice, Integer limit, boolean excludeShown,
                  boolean refined, Search asAsked) {

        Search(String query, String category, BigDecimal minPrice, BigDecimal maxPrice, Integer limit, boolean excludeShown,
               boolean refined) {
            this(query, category, minPrice, maxPrice, limit, excludeShown, refined, null);
        }
    }

    private Refinement() {
    }

    /** Besides a word of {@link SearchWords#changes}, words that point at the last list: a refinement's signal when chat surrounds it. */
    private static final Set<String> SIGNALS = Set.of("any", "anything", "something", "ones", "those", "these", "them");

    /**
     * The search {@code call} asks for in {@code ctx}. {@code namesAProduct}: whether a word is a word
     * (or a typo of a word) of some product's name in the catalog.
     */
    static Search of(FunctionCall.SearchProducts call, EngineContext ctx, Supplier<List<Product>> shown,
                     Predicate<String> namesAProduct, Predicate<String> describes) {
        // A department alone ("anything in electronics?") is searched by its name.
        Search asked = new Search(call.query() != null ? call.query() : call.category(), call.category(), call.minPrice(),
                call.maxPrice(), call.limit(), false, false);
        if (ctx.lastQuery() == null || call.category() != null) {
            return asked;
        }
        List<String> words = call.query() == null ? List.of() : List.of(NOT_A_WORD.split(call.query().toLowerCase(Locale.ROOT).strip()));
        // Whether the message refines at all (the model says so, a price, a signal word, a colour): only then can chat
        // around it keep the last subject, and only then is the catalog asked about its other words.
        // "cordless?" after lawn mowers: words the catalog uses for what products of many kinds are like, and for no kind
        // (a feature, a maker), name no subject of their own, and narrow the last search as a colour does
        boolean describing = words.stream().anyMatch(describes)
                && words.stream().allMatch(w -> w.isEmpty() || REFINING.contains(w) || QUALIFIERS.contains(w) || describes.test(w));
        boolean refines = describing || call.refinesByItsFields()
                || words.stream().anyMatch(w -> SIGNALS.contains(w) || SearchWords.changes(w) || QUALIFIERS.contains(w));
        Predicate<String> narrows = w -> QUALIFIERS.contains(w) || describing && describes.test(w);
        List<String> kept = new ArrayList<>();
        for (String w : words) {
            if (w.isEmpty() || REFINING.contains(w) || SearchWords.changes(w) || SearchWords.ATTRIBUTES.contains(w)
                    || SearchWords.PRICE_TALK.contains(w)
                    || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (!narrows.test(w)) {
                if (!refines || namesAProduct.test(w)) {
                    return asked; // a word of its own: a new subject
                }
                continue; // "ngl", "broke", "kindly": chat, no product is called that
            }
            kept.add(w);
        }
        // The change the call names, or the one its words say (a model that writes "cheaper" as the query).
        FunctionCall.Change change = call.change() != null ? call.change() : SearchWords.change(words);
        boolean cheaper = change == FunctionCall.Change.CHEAPER && call.maxPrice() == null;
        boolean dearer = change == FunctionCall.Change.PRICIER && call.minPrice() == null;
        boolean others = change == FunctionCall.Change.OTHERS && kept.isEmpty();
        BigDecimal max = call.maxPrice() != null ? call.maxPrice() : ctx.lastMaxPrice();
        BigDecimal min = call.minPrice() != null ? call.minPrice() : ctx.lastMinPrice();
        List<BigDecimal> prices = cheaper || dearer ? shown.get().stream().map(p -> p.price().amount()).toList() : List.of();
        if (cheaper && !prices.isEmpty()) {
            max = prices.stream().min(BigDecimal::compareTo).orElseThrow().subtract(CENT);
            min = call.minPrice(); // "cheaper" lifts the floor the last search had
        }
        if (dearer && !prices.isEmpty()) {
            min = prices.stream().max(BigDecimal::compareTo).orElseThrow().add(CENT);
            max = call.maxPrice();
        }
        String query = kept.isEmpty() ? ctx.lastQuery() : ctx.lastQuery() + " " + String.join(" ", kept);
        // "any nimbus?" after lawn mowers, and no Nimbus mower: the maker's products, as asked
        boolean byDescription = kept.stream().anyMatch(w -> !QUALIFIERS.contains(w));
        return new Search(query, ctx.lastCategory(), min, max, call.limit(), others, true, byDescription ? asked : null);
    }
}
