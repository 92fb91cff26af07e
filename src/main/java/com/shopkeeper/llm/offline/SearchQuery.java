package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.SearchWords;
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
 * {@code refine}: the message names no product of its own but changes the last search ("any
 * cheaper?", "under 50", "in red", "something bigger"), and {@code change} how, when it says so.
 * {@code subject}: the product words alone; {@code query} adds the words that say how it refines
 * ("cheaper"), which the understanding's own judgements read.
 */
record SearchQuery(String query, String subject, String category, PriceRange price, Integer limit, boolean refine,
                   FunctionCall.Change change) {

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

    /** A kind asked about in a clause of its own, after something else was said: "..., what staplers do you have?". */
    private static final Pattern ASKED_KIND = Pattern.compile("(?<=[,.;!?]\\s)(?:and\\s|so\\s|but\\s)?+(?:what|which)\\s(?:kinds?\\sof\\s|sorts?\\sof\\s)?+"
            + "([a-z][a-z'-]*+(?:\\s[a-z][a-z'-]*+){0,3}?)\\s(?:do|does)\\s(?:you|u|ya|y'all)\\s(?:have|got|carry|sell|stock)\\b"
            + "|(?<=[,.;!?]\\s)(?:and\\s|so\\s|but\\s)?+(?:do|d'you)\\s(?:you|u|ya|y'all)\\s(?:have|sell|carry|stock|do)\\s(?:any\\s)?+"
            + "([a-z][a-z'-]*+(?:\\s[a-z][a-z'-]*+){0,3}?)\\s*+(?:\\?|$|\\s(?:please|pls|at all|in stock|under|below|for|in)\\b)");
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
            "maybe", "perhaps", "possibly", "just", "then", "tell", "instead", "else", "we", "us", "kind", "type", "types", "kinds",
            "options", "wanted", "and", "with", "still", "again", "available", "own", "which", "one", "ones",
            "recommend", "suggest", "how", "much");
    private static final Set<String> TRAILING = Set.of(
            "please", "thanks", "you", "have", "asap", "instead", "now", "today", "too", "then", "there",
            "available", "for", "sale", "in", "stock", "got", "carry", "sell", "options", "maybe", "perhaps", "possibly", "again", "any",
            "anything", "else", "do", "a", "the", "some", "here", "guys", "mate", "thank", "that", "we", "really",
            "one", "ones");

    /** The search in {@code u}, its product words found by the bundled {@link QueryTagger}. */
    static SearchQuery in(Utterance u) {
        return in(u, QueryTagger.bundled());
    }

    /** {@code tagger} null: the product words by the lists of chat words alone ({@link #productWords}), for comparison. */
    static SearchQuery in(Utterance u, QueryTagger tagger) {
        Matcher asked = ASKED_KIND.matcher(u.text());
        if (asked.find() && asked.start() > 0 && OfflineNlu.looksLikeProductWords(asked.group(1) != null ? asked.group(1) : asked.group(2))) {
            // "We're restocking the front desk, what staplers do you have?": the kind asked about, not the story before it;
            // a price said anywhere stands ("My budget is about 50 dollars. Do you have desk lamps?")
            SearchQuery kind = in(Utterance.of(u.text().substring(asked.start())), tagger);
            PriceRange price = kind.price().isEmpty() ? PriceRange.in(u.text()) : kind.price();
            return new SearchQuery(kind.query(), kind.subject(), kind.category(), price, kind.limit(), kind.refine(), kind.change());
        }
        Parts parts = parts(u);
        List<String> words = split(clean(parts.rest()));
        words.replaceAll(SearchWords::colourOf);
        List<String> listed = split(productWords(parts.rest()));
        List<String> tagged = tagger == null ? listed : inColour(words, tagger.productWords(words), tagger);
        // A word the tagger never saw in training and could not place ("how much are your e-readers"):
        // the lists left a few plain words, and a shop's search reads a product name better than nothing.
        if (tagged.isEmpty() && tagger != null && !OfflineNlu.looksLikeProductWords(String.join(" ", listed))) {
            // "I wonder whether you sell e-readers": what the shop is asked to sell is what follows the asking verb.
            listed = asked(words);
        }
        List<String> product = new ArrayList<>(tagged.isEmpty() && tagger != null && listed.stream().anyMatch(w -> !tagger.saw(w))
                && OfflineNlu.looksLikeProductWords(String.join(" ", listed)) ? listed : tagged);
        String category = parts.category();
        // The tagger's words or the lists' ("got any pet supplies": the tagger keeps "pet" alone).
        String named = department(product).orElseGet(() -> department(split(productWords(parts.rest()))).orElse(null));
        if (category == null && named != null) {
            // A department and nothing else ("show me electronics", "any kitchen stuff under 20?"): the department.
            category = named;
            product.clear();
        }
        // No product of its own, only how the last search should change: a price, "cheaper", "others", a colour.
        // Words that say how, or in what, it changes are no product of its own ("different ones", "in a bigger size",
        // "one that costs a bit less"), nor is a short word no product is called ("similar but cheaper"). A longer word
        // the shop does not know ("kurta under rs 1500") may be a product all the same: a search of its own.
        List<String> own = product.stream().filter(w -> !SearchWords.changes(w) && !SearchWords.ATTRIBUTES.contains(w)
                && !SearchWords.QUALIFIERS.contains(w) && !noProductWord(w, tagger)).toList();
        boolean signals = !parts.price().isEmpty() || words.stream().anyMatch(w -> SearchWords.changes(w) || SearchWords.QUALIFIERS.contains(w));
        boolean refine = category == null && signals && own.isEmpty();
        // A refinement's own words are how it narrows the last search ("a smaller one" → "smaller").
        String subject = String.join(" ", refine ? words.stream().filter(SearchWords.QUALIFIERS::contains).distinct().toList()
                : product.stream().filter(w -> !REFINING.contains(w) && !SearchWords.PRICE_TALK.contains(w)).toList());
        // "any cheaper?" names no product, but says how it refines the last search.
        words.stream().filter(w -> REFINING.contains(w) && !product.contains(w)).forEach(product::add);
        String query = String.join(" ", product);
        if (query.isEmpty() && category != null) {
            query = category;
        }
        return new SearchQuery(query, subject, category, parts.price(), parts.limit(), refine,
                refine ? SearchWords.change(words) : null);
    }

    /** Words between a product and the colour asked for it ("lipstick, any reds?", "lipstick in red"). */
    private static final Set<String> COLOUR_ASK = Set.of("any", "in", "the", "a", "some");

    /**
     * "desk organizers in walnut", "a sofa in velvet": a word of the catalog's names after the product's, said with "in",
     * is what it is made of or its shade, and the search's too. Not a department ("lamps in lighting", which {@link #parts}
     * reads) nor chat ("in stock").
     */
    private static List<String> thenIn(List<String> words, List<String> tagged, QueryTagger tagger) {
        int end = java.util.Collections.indexOfSubList(words, tagged) + tagged.size();
        int last = listSpan(words)[1];
        if (end + 2 != last || !words.get(end).equals("in")) {
            return tagged;
        }
        String what = words.get(end + 1);
        if (chat(what) || CATEGORIES.contains(what) || !tagger.productWordAsSpelled(what)) {
            return tagged;
        }
        List<String> with = new ArrayList<>(tagged);
        with.add(what);
        return with;
    }

    /** Words that join what a product is like to the product said before them: "ankle boots in cognac", "… from vegan leather". */
    private static final Set<String> OF_WHAT = Set.of("in", "from", "of");

    /**
     * "I search ankle boots in cognac, from vegan leather": the best run the tagger found is what the product is like (a
     * shade the colour list lacks, a material), said with "in", "from" or "made of" after product words; the product words
     * before it (read the same way) and it. Null when no product is named before it ("do you have it in cognac?").
     */
    private static List<String> afterTheProduct(List<String> words, List<String> tagged, QueryTagger tagger) {
        int at = java.util.Collections.indexOfSubList(words, tagged);
        if (at < 2 || !OF_WHAT.contains(words.get(at - 1))) {
            return null;
        }
        List<String> said = words.subList(0, at - 1);
        List<String> before = inColour(said, tagger.productWords(said), tagger);
        if (before.isEmpty() || before.stream().noneMatch(tagger::productWordAsSpelled) || before.stream().anyMatch(tagged::contains)) {
            return null;
        }
        List<String> both = new ArrayList<>(before);
        both.addAll(tagged);
        return both;
    }

    /**
     * The product words of "the satin matte lipstick in classic red" and "lipstick in red": the product and its
     * colour, when the best run the tagger found is the colour after an "in" and the words before it name a
     * product. "Do you have it in red?" names none: the colour alone, a refinement. A run that ends on no colour
     * may go on with what it is made of ({@link #thenIn}).
     */
    private static List<String> inColour(List<String> words, List<String> tagged, QueryTagger tagger) {
        if (tagged.isEmpty()) {
            return tagged;
        }
        if (!SearchWords.COLOURS.contains(tagged.get(tagged.size() - 1))) {
            List<String> after = afterTheProduct(words, tagged, tagger);
            return after != null ? after : thenIn(words, tagged, tagger);
        }
        int at = java.util.Collections.indexOfSubList(words, tagged);
        // "lipstick in red", "the satin matte lipstick in classic red", "lipstick, any reds?"
        boolean colourAlone = tagged.stream().allMatch(SearchWords.COLOURS::contains);
        int end = at;
        while (end > 0 && (words.get(end - 1).equals("in") || colourAlone && COLOUR_ASK.contains(words.get(end - 1)))) {
            end--;
        }
        if (end == at || end < 1) {
            return tagged;
        }
        List<String> before = tagger.productWords(words.subList(0, end));
        if (before.isEmpty() || before.stream().noneMatch(tagger::productWordAsSpelled)) {
            return tagged;
        }
        List<String> both = new ArrayList<>(before);
        both.addAll(tagged);
        return both;
    }

    /**
     * The department {@code words} name and nothing else, besides words like "stuff" or "section". Not
     * "shoes", a kind of product as much as a department: "shoes under 50" asks for shoes.
     */
    private static Optional<String> department(List<String> words) {
        String named = String.join(" ", words.stream().filter(w -> !DEPARTMENT_WORDS.contains(w)).toList());
        return CATEGORIES.contains(named) && !named.equals("shoes") ? Optional.of(named) : Optional.empty();
    }

    // What a department is called besides its name: "kitchen stuff", "the electronics section".
    private static final Set<String> DEPARTMENT_WORDS = Set.of("stuff", "things", "items", "products", "section", "department",
            "dept", "range", "aisle", "category", "categories", "collection", "goods");

    private static final Set<String> SELLS = Set.of("sell", "sells", "stock", "stocks", "carry", "carries", "have", "got", "do");

    /** The words after the last verb of selling in {@code words}, chat trimmed off ("whether you sell e-readers" → "e-readers"). */
    private static List<String> asked(List<String> words) {
        int verb = -1;
        for (int i = 0; i < words.size(); i++) {
            if (SELLS.contains(words.get(i))) {
                verb = i;
            }
        }
        if (verb < 0) {
            return List.of();
        }
        List<String> after = words.subList(verb + 1, words.size());
        int[] span = listSpan(after);
        return after.subList(span[0], span[1]);
    }

    /** A word of a search that is no product word: what something costs, or a short word no product is called ("but"). */
    private static boolean noProductWord(String w, QueryTagger tagger) {
        return SearchWords.PRICE_TALK.contains(w) || w.length() <= 3 && tagger != null && !tagger.productWord(w);
    }

    /** Words that say how a search refines the last one (all of them in {@link SearchWords#changes}), read as the query's. */
    static final Set<String> REFINING = Set.of("cheaper", "pricier", "fancier", "others", "another", "else",
            "different", "similar", "alternatives", "alternative");

    /** What is left of a search message for its product words, once the price, a named category and a count are taken out. */
    private record Parts(String rest, String category, PriceRange price, Integer limit) {
    }

    private static Parts parts(Utterance u) {
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
        return new Parts(COUNT.matcher(t).replaceAll(" "), category, price, limit);
    }

    /** The words a tagger reads for {@code u}'s product words (what {@link #in} leaves of it). */
    static List<String> words(Utterance u) {
        return split(Utterance.asSaid(clean(parts(u).rest()))); // the tagger reads a pack's size as written, "set of 4"
    }

    private static String clean(String t) {
        return SPACES.matcher(PUNCTUATION.matcher(t).replaceAll(" ")).replaceAll(" ").strip();
    }

    static List<String> split(String s) {
        return new ArrayList<>(List.of(s.isBlank() ? new String[0] : SPACE.split(s.strip())));
    }

    /**
     * This search, read in one sentence of {@code whole}, with the price and count said elsewhere in the
     * message when this sentence says none ("My budget is 50. Do you have desk lamps?"). Not a department:
     * the story's "Our garden hose sprang a leak" names none to search in.
     */
    SearchQuery pricedAs(SearchQuery whole) {
        return new SearchQuery(query, subject, category, price.isEmpty() ? whole.price : price,
                limit != null ? limit : whole.limit, refine, change);
    }

    /**
     * The product words of this sentence asked for by {@code asked}, another sentence of {@code whole}
     * that names none ("She loves linen cushions. Do you sell anything like that?"): a new search for
     * these words, with the qualifiers the asking sentence adds ("a smaller one") and the price said anywhere.
     */
    SearchQuery askedAs(SearchQuery asked, SearchQuery whole) {
        String words = asked.refine && !asked.subject.isBlank() ? subject + " " + asked.subject : subject;
        PriceRange said = !asked.price.isEmpty() ? asked.price : !price.isEmpty() ? price : whole.price;
        return new SearchQuery(words, words, category != null ? category : asked.category, said,
                asked.limit != null ? asked.limit : limit, false, null);
    }

    Optional<String> queryText() {
        return query.isBlank() ? Optional.empty() : Optional.of(query);
    }

    /**
     * The query a search_products call carries for {@code body}: the product words. None in a refinement
     * that says all it changes without any ("any cheaper?", "under 50"): the engine keeps the last
     * subject. A department alone ("anything in electronics?") is the call's category, with no query. A new search
     * with nothing but chat left is searched by the whole message, the best query there is.
     */
    Optional<String> callQuery(Utterance body) {
        if (!subject.isBlank()) {
            return Optional.of(subject);
        }
        boolean saysAll = refine && (change != null || !price.isEmpty());
        // A department alone is searched in that department: the call carries it, and no query.
        boolean departmentAlone = category != null && query.equals(category);
        return saysAll || departmentAlone ? Optional.empty() : Optional.of(queryText().orElse(body.bare()));
    }

    /** The product words in {@code t}: leading and trailing chat dropped, inner words kept ("toys for a 5 year old"). */
    static String productWords(String t) {
        List<String> words = split(clean(t));
        int[] span = listSpan(words);
        return String.join(" ", words.subList(span[0], span[1]));
    }

    /** Where the product words of {@code words} start and end by the lists: leading and trailing chat dropped. */
    static int[] listSpan(List<String> words) {
        int start = 0;
        int end = words.size();
        while (start < end && (LEADING.contains(words.get(start)) || SMALL_NUMBER.matcher(words.get(start)).matches())) {
            start++;
        }
        while (end > start && TRAILING.contains(words.get(end - 1))) {
            end--;
        }
        return new int[] {start, end};
    }

    static boolean chat(String word) {
        return LEADING.contains(word) || TRAILING.contains(word);
    }
}
