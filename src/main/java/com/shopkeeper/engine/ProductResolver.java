package com.shopkeeper.engine;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.catalog.search.SearchMode;
import com.shopkeeper.llm.EnglishWords;
import com.shopkeeper.llm.SearchWords;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.springframework.stereotype.Component;

/**
 * Turns what the shopper said about a product ("2", "the second one", "the blue one", "it", a sku)
 * into a product, against what the conversation has shown them. It only reads.
 */
@Component
class ProductResolver {

    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
            Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
            Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("1st", 1),
            Map.entry("2nd", 2), Map.entry("3rd", 3), Map.entry("4th", 4), Map.entry("5th", 5));
    private static final Set<String> DEICTIC = Set.of("it", "this", "that", "this one", "that one", "those", "them",
            "these", "the one", "same", "the same");
    private static final Set<String> JOINING_WORDS = Set.of("in", "for", "by", "and", "to", "on", "at", "my", "me", "i", "it", "is", "or",
            "from", "so", "but", "we", "us", "you", "your", "our");
    private static final Set<String> NOISE = Set.of("the", "a", "an", "one", "ones", "please", "pls", "of", "with",
            "number", "no", "item", "product", "thing", "that", "this");
    /** A price said as which one: "$23.99", "23.99", "24 dollar", "$24". */
    private static final Pattern PRICE_SAID = Pattern.compile("^(?:the\\s)?+[$£€]?+\\s?+(\\d{1,6}+(?:\\.\\d{1,2})?+)\\s?+(?:dollars?|bucks|usd)?+(?:\\s(?:one|ones))?+$");
    /** A price, then words that say which of the products at it: "the 22 dollar blue one", "$15 pink". */
    private static final Pattern PRICE_AND_WORDS = Pattern.compile("^(?:the\\s)?+(?:[$£€]\\s?+(\\d{1,6}+(?:\\.\\d{1,2})?+)"
            + "|(\\d{1,6}+(?:\\.\\d{1,2})?+)\\s?+(?:dollars?|bucks|usd))\\s([a-z][a-z\\s'-]*+)$");
    private static final Pattern SKU = Pattern.compile("[a-z]{1,4}-\\d{3,}");
    private static final Pattern INDEX_PREFIX = Pattern.compile("^(?:the|number|no\\.?|#|item|option)\\s*+");
    // Possessive, from the start of a run of spaces only: tried inside the run, each try read the rest of it again.
    private static final Pattern INDEX_SUFFIX = Pattern.compile("(?<!\\s)\\s*+(?:one|please|pls)$");
    private static final Pattern INDEX = Pattern.compile("#?\\d{1,2}");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NOT_A_COMPOUND = Pattern.compile("[^a-z0-9-]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern POINTER = Pattern.compile("\\b(?:it|this|that|those|these|them|one|ones)\\b");
    /** A place or a price, then the words of a kind: "first candle", "the very last lamp", "cheaper cordless one", "most expensive rug". */
    private static final Pattern PLACE_OF_KIND = Pattern.compile("^(?:the\\s)?+(?:very\\s)?+(first|second|third|fourth|fifth|sixth|seventh"
            + "|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|last|cheapest|cheaper|less expensive|lower priced|most expensive|pricier"
            + "|priciest|dearer|dearest|more expensive)\\s(?!(?:one|ones)$)((?=\\d*+[a-z])[a-z0-9][a-z0-9'& -]*+)$"); // "cheaper 4k one" too
    /** Words of how a product is sold, not of what it is (stemmed, as {@link #contentWords} gives them). */
    private static final Set<String> SOLD_AS = Set.of("set", "kit", "pack", "pair", "bundle", "piece", "combo");
    private static final Pattern TRAILING_ONE = Pattern.compile("(?<!\\s)\\s++(?:one|ones)$");
    private static final Pattern CHEAPEST = Pattern.compile("\\b(?:cheapest|least expensive|lowest price[d]?|cheaper one|cheap ones?)\\b"
            // "the cheaper 1", "the less expensive one": the comparative said alone is the cheapest shown; "cheaper cordless"
            // (of "the cheaper cordless one"), the cheapest of that kind
            + "|^(?:cheaper|less expensive|lower priced|cheap)$|^(?:cheaper|less expensive|lower priced)\\s");
    private static final Pattern DEAREST = Pattern.compile("\\b(?:most expensive|priciest|dearest|highest price[d]?|pricier one)\\b"
            + "|^(?:pricier|dearer|more expensive|higher priced)(?:$|\\s)"
            // "sorry, the expensive one I mean. Delete it": of two, the one that costs more
            + "|^(?:the\\s)?+(?:expensive|pricey)(?:\\sones?+)?+$");

    private final ProductService products;
    private final ProductSearch search;

    ProductResolver(ProductService products, ProductSearch search) {
        this.products = products;
        this.search = search;
    }

    /**
     * What a reference fits among what the shopper was shown, read once: the product it means, or
     * the products that fit it equally well (two or more), and whether its best fit is only by an
     * attribute the list did not show ("the purple one" when no shown name says purple), a guess to
     * confirm before acting on it; {@code inPart}: its name has fewer than half the words said ("the
     * Brewtown thermal flask" against a Brewtown mug), so another product may be the one named.
     */
    record Match(Optional<Product> product, List<Product> tied, boolean onlyByAttributes, boolean inPart) {
        static Match of(Optional<Product> product) {
            return new Match(product, List.of(), false, false);
        }
    }

    /** A product among those shown (or the one being discussed), by position, price, sku or words of its name. */
    Match match(String ref, List<String> shown, String activeProductId) {
        if (ref != null && ref.startsWith(Tap.BY_ID)) {
            // A tapped button or row names its product by id: that product or none, never a guess.
            return Match.of(products.find(ref.substring(Tap.BY_ID.length()).strip()));
        }
        String r = normal(ref);
        if (r.isEmpty() || DEICTIC.contains(r)) {
            return Match.of(theOneDiscussed(shown, activeProductId));
        }
        if (kindWithPlace(r) != null) {
            // "the first candle", "the cheaper cordless one": the place among that kind on screen; none there, an earlier
            // list may have it (References), never the place on a list of something else
            return Match.of(placeAmongKind(r, shown));
        }
        Integer index = index(r);
        if (index != null) {
            return Match.of(index >= 1 && index <= shown.size() ? products.find(shown.get(index - 1)) : Optional.empty());
        }
        if (r.equals("last") || r.equals("the last")) {
            return Match.of(shown.isEmpty() ? Optional.empty() : products.find(shown.getLast()));
        }
        if (r.equals("middle") || r.equals("the middle")) {
            // "the one in the middle": of an odd list its middle; of an even one the two in the middle, asked between
            if (shown.isEmpty()) {
                return Match.of(Optional.empty());
            }
            int half = shown.size() / 2;
            return shown.size() % 2 == 1 ? Match.of(products.find(shown.get(half)))
                    : new Match(Optional.empty(), products.findAll(shown.subList(half - 1, half + 1)), false, false);
        }
        Optional<Comparator<Product>> byPrice = byPrice(r);
        if (byPrice.isPresent() && !shown.isEmpty()) {
            // "the cheapest one", "the most expensive": among what was shown, by price; "the cheapest mouse" among the mice
            // shown, when the list held keyboards too
            // (what the place by price leaves; its "the" and "one" are no content words)
            String kind = DEAREST.matcher(CHEAPEST.matcher(r).replaceAll(" ")).replaceAll(" ").strip();
            List<Product> all = products.findAll(shown);
            if (kind.isEmpty() || contentWords(kind).isEmpty()) {
                return Match.of(all.stream().min(byPrice.get()));
            }
            // a kind none of the list is: no guess among the others
            return Match.of(all.stream().filter(p -> nameSays(p, kind)).min(byPrice.get()));
        }
        Matcher price = PRICE_SAID.matcher(r);
        if (price.matches() && !shown.isEmpty()) {
            // "the $23.99 one", "the 24 dollar one": the shown product at that price (to the dollar, either way, when no cents are said)
            List<Product> atPrice = atPrice(price.group(1), shown);
            return atPrice.size() == 1 ? Match.of(Optional.of(atPrice.getFirst())) : new Match(Optional.empty(), atPrice, false, false);
        }
        Matcher priceAnd = PRICE_AND_WORDS.matcher(r);
        if (priceAnd.matches() && !shown.isEmpty()) {
            // "the 22 dollar blue one": of the shown products at that price, the one the other words say; none at that price, none
            List<Product> atPrice = atPrice(priceAnd.group(1) != null ? priceAnd.group(1) : priceAnd.group(2), shown);
            if (atPrice.size() <= 1) {
                return atPrice.isEmpty() ? Match.of(Optional.empty()) : Match.of(Optional.of(atPrice.getFirst()));
            }
            Match among = match(priceAnd.group(3), atPrice.stream().map(Product::id).toList(), activeProductId);
            // the price said already narrowed it: a word that then tells one apart is no guess
            return among.product().isPresent() ? Match.of(among.product()) : new Match(Optional.empty(), atPrice, false, false);
        }
        boolean sku = SKU.matcher(r).matches();
        if (sku) {
            Optional<Product> bySku = products.findBySku(ref.strip().toUpperCase(Locale.ROOT));
            if (bySku.isPresent()) {
                return Match.of(bySku);
            }
        }
        Scored scored = withoutContradictions(scoredOnScreen(r, shown, activeProductId), r);
        if (scored.best().isEmpty()) {
            // "those pls", "that one for my bff": it points, and no word of it is in any product's
            // name, so it names none: the product under discussion, as "it" would be.
            return Match.of(POINTER.matcher(r).find() && !namesAProduct(r) ? theOneDiscussed(shown, activeProductId) : Optional.empty());
        }
        boolean onlyByAttributes = scored.score() < 2 && !sku && byPrice.isEmpty() && !scored.described();
        // Said in part: some words in its name, too few of them. Picked by what it is like alone, it is no name said in part.
        boolean inPart = !onlyByAttributes && (scored.byName() || !scored.described())
                && (!nameSays(scored.best().getFirst(), r) || namesAnother(scored.best().getFirst(), r));
        return scored.best().size() == 1
                ? new Match(Optional.of(scored.best().getFirst()), List.of(), onlyByAttributes, inPart)
                : new Match(Optional.empty(), scored.best(), onlyByAttributes, false);
    }

    /** Whether {@code ref} says which product by its price ("the 24 dollar one", "$22 blue"). */
    static boolean saysAPrice(String ref) {
        String r = normal(ref);
        return PRICE_SAID.matcher(r).matches() || PRICE_AND_WORDS.matcher(r).matches();
    }

    /** The shown products at the price {@code said}: to the cent when cents are said, else to the dollar either way. */
    private List<Product> atPrice(String said, List<String> shown) {
        BigDecimal amount = new BigDecimal(said);
        boolean cents = said.indexOf('.') >= 0;
        return products.findAll(shown).stream().filter(p -> cents ? p.price().amount().compareTo(amount) == 0
                : p.price().amount().subtract(amount).abs().compareTo(BigDecimal.valueOf(0.5)) < 0 // $23.99 as "24"
                || p.price().amount().setScale(0, RoundingMode.DOWN).compareTo(amount) == 0).toList(); // $31.50 as "31"
    }

    /**
     * The words of a kind said with a place or a price, "candle" of "first candle" or "cordless" of "cheaper cordless"; null
     * when {@code ref} says no place or price, or no kind with it ("the second one", "the cheapest").
     */
    static String kindWithPlace(String ref) {
        Matcher m = PLACE_OF_KIND.matcher(normal(ref));
        if (!m.matches()) {
            return null;
        }
        String kind = TRAILING_ONE.matcher(m.group(2)).replaceFirst("").strip();
        return kind.isEmpty() || contentWords(kind).isEmpty() ? null : kind;
    }

    /**
     * Of {@code candidates}, in the order the shopper saw them, those whose name says the kind of {@code ref} ({@link
     * #kindWithPlace}), and of those the one at the place or price it says: "the very first candle you listed" is the
     * first candle, whatever came before it. Empty when none is of that kind or the place is past them.
     */
    Optional<Product> placeAmongKind(String ref, List<String> candidates) {
        String kind = kindWithPlace(ref);
        if (kind == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        List<Product> ofKind = products.findAll(candidates).stream().filter(p -> nameSaysAll(p, kind)).toList();
        if (ofKind.isEmpty()) {
            return Optional.empty();
        }
        Matcher said = PLACE_OF_KIND.matcher(normal(ref));
        String place = said.matches() ? said.group(1) : "";
        Optional<Comparator<Product>> byPrice = byPrice(place);
        if (byPrice.isPresent()) {
            return ofKind.stream().min(byPrice.get());
        }
        if (place.equals("last")) {
            return Optional.of(ofKind.getLast());
        }
        Integer n = ORDINALS.get(place);
        return n != null && n <= ofKind.size() ? Optional.of(ofKind.get(n - 1)) : Optional.empty();
    }

    /**
     * Of {@code candidates}, the one product whose name says {@code ref} best, alone, by words of its name that are
     * more than how it looks: never a position, a price or a pointer, which only a numbered list on screen answers.
     */
    Optional<Product> namedAmong(String ref, List<String> candidates) {
        String r = normal(ref);
        if (r.isEmpty() || DEICTIC.contains(r) || index(r) != null || r.equals("last") || r.equals("middle") || byPrice(r).isPresent()
                || candidates.isEmpty()) {
            return Optional.empty();
        }
        Scored scored = withoutContradictions(scored(r, products.findAll(candidates)), r);
        if (scored.best().size() != 1 || scored.score() < 4) { // a word of its name, as written
            return Optional.empty();
        }
        Product p = scored.best().getFirst();
        // "the grey one" is no name: a colour or a size fits too many products seen to say which
        Set<String> name = words(p.name());
        boolean named = contentWords(r).stream().anyMatch(w -> namesRatherThanDescribes(w) && hasWord(name, w));
        return named && nameSays(p, r) && !namesAnother(p, r) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Whether {@code ref} has a word that this product's name lacks and other products' names have ("the Dalton
     * aluminum" against the Yara aluminum keyboard: Dalton is another product's name): a name said in part,
     * so the product is shown to confirm rather than acted on. Words of how it looks or costs do not count.
     */
    private boolean namesAnother(Product p, String ref) {
        Set<String> name = words(p.name());
        return contentWords(normal(ref)).stream()
                .filter(ProductResolver::namesRatherThanDescribes)
                .filter(w -> !hasWord(name, w) && name.stream().noneMatch(o -> typoOf(w, o)))
                .anyMatch(w -> names(w, false));
    }

    /** Whether {@code ref} only points ("it", "that one", nothing said) rather than naming or numbering a product. */
    boolean onlyPoints(String ref) {
        String r = normal(ref);
        return r.isEmpty() || DEICTIC.contains(r);
    }

    /** The products of a list, in its order. */
    List<Product> shown(List<String> shown) {
        return products.findAll(shown);
    }

    /** "it": the product in focus, else the only one shown. */
    private Optional<Product> theOneDiscussed(List<String> shown, String activeProductId) {
        if (activeProductId != null) {
            return products.find(activeProductId);
        }
        return shown.size() == 1 ? products.find(shown.getFirst()) : Optional.empty();
    }

    /**
     * The product at the place {@code ref} says on the list {@code shown}, when that place is past the cart's {@code lines}
     * (so it cannot be a line's number): empty otherwise.
     */
    Optional<String> placeOnList(String ref, List<String> shown, int lines) {
        Integer index = index(normal(ref));
        return index != null && index > lines && index <= shown.size() ? Optional.of(shown.get(index - 1)) : Optional.empty();
    }

    /** A line of the cart: by its number in the cart, by words of its name, or the only one. */
    Optional<CartItem> resolveInCart(String ref, List<CartItem> cart, String activeProductId) {
        String r = normal(ref);
        if (cart.isEmpty()) {
            return Optional.empty();
        }
        if (r.isEmpty() || DEICTIC.contains(r)) {
            if (cart.size() == 1) {
                return Optional.of(cart.getFirst());
            }
            return lineOf(cart, activeProductId);
        }
        if (SKU.matcher(r).matches()) {
            // "remove SK-000453": the line of that sku, or none
            return products.findAll(cart.stream().map(CartItem::productId).toList()).stream().filter(p -> r.equalsIgnoreCase(p.sku()))
                    .findFirst().flatMap(p -> lineOf(cart, p.id()));
        }
        Integer index = index(r);
        if (index != null) {
            return index >= 1 && index <= cart.size() ? Optional.of(cart.get(index - 1)) : Optional.empty();
        }
        List<Product> lines = products.findAll(cart.stream().map(CartItem::productId).toList());
        if (kindWithPlace(r) != null && byPrice(r).isPresent()) {
            // "drop the cheaper string lights": of the lines of that kind, the one the price says (never the cheapest of all)
            return placeAmongKind(r, cart.stream().map(CartItem::productId).toList()).flatMap(p -> lineOf(cart, p.id()));
        }
        Optional<Comparator<Product>> byPrice = byPrice(r);
        if (byPrice.isPresent()) {
            // "only 2 of the cheap ones": the line of the cheapest (or dearest) product in the cart
            return lines.stream().min(byPrice.get()).flatMap(p -> lineOf(cart, p.id()));
        }
        List<Product> best = bestOf(r, lines);
        if (best.isEmpty() && cart.size() == 1 && !(namesAProduct(r) && namesOneProduct(r))) {
            // "one will be quite sufficient", "kindly reduce to 3 pieces", "fine one window tiny": words
            // around the change, not a product's name (no word of it is in any product's name, or no
            // product's name says half of them), and the cart has one line.
            return Optional.of(cart.getFirst());
        }
        if (best.size() != 1) {
            return Optional.empty();
        }
        // A line whose name says less than half the words, when another product's name says them ("the Barkley tug
        // rope" against a Barkley dog toy, with a Barkley tug rope in the catalog), is not the one named: no line, and
        // the shopper hears so, rather than another line changed.
        Product line = best.getFirst();
        // A line whose kind, colour or material says every word is named so ("make the bamboo one 2" with a bamboo block in the
        // cart), whatever bamboo cutting board the catalog has.
        boolean described = words(String.valueOf(line.attributes().values())).containsAll(contentWords(r));
        // So is one that shares only a size with the words, when another of them names other products: another maker's
        // product of that size ("the Brightwell smart 4-pack" with a Monroe 4-pack: "4-pack" is half the words).
        Set<String> name = words(line.name());
        boolean bySizeAlone = contentWords(r).stream().filter(w -> hasWord(name, w))
                .allMatch(w -> SOLD_AS.contains(w) || w.chars().anyMatch(Character::isDigit));
        if (!described && (!nameSays(line, r) && catalogMatchNaming(r).filter(p -> !p.id().equals(line.id())).isPresent()
                || bySizeAlone && namesAnother(line, r))) {
            return Optional.empty();
        }
        return lineOf(cart, line.id());
    }

    /**
     * The products of two or more lines of the cart that the words {@code ref} name equally well ("the Hollis" with a Hollis
     * hoodie and Hollis swim trunks in the cart): which of them is a question; empty when the words name one line or none.
     */
    List<Product> linesNamedAlike(String ref, List<CartItem> cart) {
        String r = normal(ref);
        if (cart.size() < 2 || r.isEmpty() || DEICTIC.contains(r) || SKU.matcher(r).matches() || index(r) != null || byPrice(r).isPresent()) {
            return List.of();
        }
        List<Product> best = bestOf(r, products.findAll(cart.stream().map(CartItem::productId).toList()));
        return best.size() >= 2 ? best : List.of();
    }

    /** The cart's line of the product {@code productId}, if it has one. */
    static Optional<CartItem> lineOf(List<CartItem> cart, String productId) {
        return cart.stream().filter(i -> i.productId().equals(productId)).findFirst();
    }

    /**
     * Whether any word of {@code ref} is a word of some product's name in the catalog: a keyword
     * search, the names of its hits checked. Chat around a pointer ("that one for my bff") names none.
     */
    boolean namesAProduct(String ref) {
        return names(ref, false);
    }

    /** Whether the catalog's best match for {@code ref} has at least half its words in its name ({@link #nameSays}). */
    private boolean namesOneProduct(String ref) {
        return catalogMatchNaming(ref).isPresent();
    }

    /** The catalog's first matches asked whether a phrase names one product or several ({@link #catalogNamingEvery}). */
    private static final int NAMING_POOL = 10;

    /** The catalog's best match for {@code ref}, if its name says what was said ({@link #nameSays}): a product named, not one near the words. */
    Optional<Product> catalogMatchNaming(String ref) {
        return search.searchProducts(ref, null, null, 1).stream().findFirst().filter(p -> nameSays(p, ref));
    }

    /**
     * Of the catalog's first {@value #NAMING_POOL} matches for {@code ref}, those whose names have every word of
     * it, as said or in another form ("racquets", "knitted"), never a typo: the products it names. One pool for every
     * question asked of it: whether one product is named and whether several are must not disagree ("2 yoga blocks"
     * had named one set by the first five matches and not one by the first ten, so it was neither).
     */
    List<Product> catalogNamingEvery(String ref) {
        Set<String> said = contentWords(normal(ref));
        if (said.isEmpty()) {
            return List.of();
        }
        return search.searchProducts(ref, null, null, NAMING_POOL).stream().filter(p -> {
            Set<String> name = nameAndKind(p);
            return said.stream().allMatch(w -> hasWord(name, w));
        }).toList();
    }

    /**
     * The words of a product's name and of its type: the Flowfit "Massage Roller" is a foam roller too, so "a foam
     * roller" names two products, not the one whose name happens to say both words.
     */
    private static Set<String> nameAndKind(Product p) {
        Set<String> words = words(p.name());
        if (p.attributes().get("type") instanceof String type) {
            words.addAll(words(type));
        }
        return words;
    }

    /**
     * The one product of the catalog named by every word of {@code ref}, when two or more of them say what it is
     * rather than how it looks ("the Peakform yoga mat", "the Oakley french press"): of the first matches, the only one whose
     * name has them all, as said or in another form, never a typo. Empty when none or several do.
     */
    Optional<Product> catalogOnlyNaming(String ref) {
        long nameWords = contentWords(normal(ref)).stream().filter(ProductResolver::namesRatherThanDescribes).count();
        if (nameWords < 2) {
            return Optional.empty(); // "the white Ridgeback": a colour and one name word is a guess to show, not a name
        }
        List<Product> naming = catalogNamingEvery(ref);
        return naming.size() == 1 ? Optional.of(naming.getFirst()) : Optional.empty();
    }

    /** Whether a word of {@code ref} says what a product is rather than how it looks ("blue", "small") or how many. */
    static boolean saysAKind(String ref) {
        Set<String> said = contentWords(normal(ref));
        return said.stream().anyMatch(w -> !SearchWords.QUALIFIERS.contains(w) && !w.chars().allMatch(Character::isDigit));
    }

    /** As {@link #namesAProduct}, a word a typo away from a name's word counting too ("sofaa"): for a search's subject. */
    boolean namesAProductOrTypo(String ref) {
        return names(ref, true);
    }

    private boolean names(String ref, boolean typos) {
        for (String w : contentWords(normal(ref))) {
            if (w.length() < 3) {
                continue;
            }
            // w is stemmed as a name's words are: "mice" is already "mouse" (stem)
            List<ProductSearch.Hit> hits = search.search(new ProductSearch.Request(w, SearchMode.KEYWORD, null, null, null, null, 3)).hits();
            if (hits.stream().map(h -> words(h.product().name())).anyMatch(name -> name.contains(w)
                    || typos && name.stream().anyMatch(o -> typoOf(w, o)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Of {@code tied}, the one whose name shares strictly the most words of {@code query} that are not
     * words of {@code ref} (they fit all of them equally), if one does and shares one at least.
     */
    Optional<Product> sharesMostWords(List<Product> tied, String query, String ref) {
        Set<String> said = contentWords(normal(query));
        said.removeAll(contentWords(normal(ref)));
        Product best = null;
        long bestShared = 0;
        boolean unique = false;
        for (Product p : tied) {
            Set<String> name = words(p.name());
            long shared = said.stream().filter(name::contains).count();
            if (shared > bestShared) {
                best = p;
                bestShared = shared;
                unique = true;
            } else if (shared == bestShared) {
                unique = false;
            }
        }
        return unique && bestShared > 0 ? Optional.of(best) : Optional.empty();
    }

    /** Which of the choices the whole message names, and whether by a word of its name (which the list showed). */
    record NamedByMessage(Product product, boolean byWhatWasShown) {
    }

    /**
     * Of {@code choices} (the products a question "which one?" is about to list), the one the whole message names when
     * the words read as the product's name did not say which: "I take one of the Lark in the amber jar" read as "amber
     * jar" fits two candles, and "Lark" says which; "the cognac moccasin ones in EU 45" fits two slippers, and "EU 45"
     * says which. Only the words that tell the choices apart count (in a name or an attribute; not a price: "the 22
     * dollar one" of a $21.99 and a $22.00 block is still a question), and one choice must have every such word the
     * message says: "Quanta silver" with a green Quanta and a silver Sonique is still a question. A message that speaks
     * of something else too ("my old pink one broke", "not the blue one") names nothing this way.
     */
    Optional<NamedByMessage> namedByMessage(List<Product> choices, String said) {
        String m = normal(said);
        if (choices.size() < 2 || m.isEmpty() || SPEAKS_OF_ANOTHER.matcher(m).find()) {
            return Optional.empty();
        }
        Set<String> saidWords = contentWords(m);
        // a count ("2 of them") is no name, nor how a thing is sold ("one piece"); a size is "eu-45", a pack "4-pack"
        saidWords.removeIf(w -> w.chars().allMatch(Character::isDigit) || SOLD_AS.contains(w));
        // "count me in for the walnut one": words that join a sentence tell no name apart ("Organizer in Walnut Brown")
        saidWords.removeAll(JOINING_WORDS);
        Map<Product, Set<String>> has = new java.util.LinkedHashMap<>();
        Map<Product, Set<String>> inName = new java.util.HashMap<>();
        for (Product p : choices) {
            Set<String> name = words(p.name());
            Set<String> attributes = words(String.valueOf(p.attributes().values()));
            Set<String> fits = new java.util.HashSet<>();
            Set<String> named = new java.util.HashSet<>();
            for (String w : saidWords) {
                if (hasWord(name, w)) {
                    fits.add(w);
                    named.add(w);
                } else if (attributes.contains(w)) {
                    fits.add(w);
                }
            }
            has.put(p, fits);
            inName.put(p, named);
        }
        Set<String> telling = has.values().stream().flatMap(Set::stream)
                .filter(w -> has.values().stream().anyMatch(f -> !f.contains(w)))
                .collect(Collectors.toSet());
        List<Product> hasAll = telling.isEmpty() ? List.of()
                : choices.stream().filter(p -> has.get(p).containsAll(telling)).toList();
        if (hasAll.size() != 1) {
            return Optional.empty();
        }
        Product p = hasAll.getFirst();
        return Optional.of(new NamedByMessage(p, inName.get(p).stream().anyMatch(telling::contains)));
    }

    /** "not the kids one", "not that pink one": a product ruled out by the words between. */
    private static final Pattern RULED_OUT = Pattern.compile("\\bnot\\s(?:the|that|this)\\s((?:[a-z0-9'&-]++\\s){1,3}?)(?:one|ones)\\b");

    /**
     * Of {@code choices}, those the message does not rule out: "Not the kids one. The other space gray" rules out the
     * kids' toothbrush, whose name says "kids". A choice is out when its name or attributes have every word said
     * between "not the" and "one". Empty when the message rules none out, or would rule out every one.
     */
    List<Product> notRuledOut(List<Product> choices, String said) {
        Matcher m = RULED_OUT.matcher(normal(said));
        List<Product> left = choices;
        while (m.find()) {
            Set<String> out = contentWords(m.group(1));
            List<Product> kept = out.isEmpty() ? left
                    : left.stream().filter(p -> !words(p.name() + " " + p.attributes().values()).containsAll(out)).toList();
            left = kept.isEmpty() ? left : kept;
        }
        return left.size() < choices.size() ? left : List.of();
    }

    /** A message that speaks of another product too: what the shopper has, had or does not want. */
    private static final Pattern SPEAKS_OF_ANOTHER = Pattern.compile(
            "\\b(?:my|our|his|her|their|old|broke|broken|instead|than|rather|not|no|nor|without|except|dont|didnt|doesnt)\\b|n't\\b");

    /** The words of {@code ref} the product's name has, as said or in another form (no typo). */
    Set<String> wordsInName(Product p, String ref) {
        Set<String> name = words(p.name());
        return contentWords(normal(ref)).stream().filter(w -> hasWord(name, w)).collect(Collectors.toSet());
    }

    /** Whether at least half the words of {@code ref} (one at least) are in the product's name, allowing a typo. */
    boolean nameSays(Product p, String ref) {
        Set<String> said = contentWords(normal(ref));
        long found = inName(said, p, false, true);
        return found >= 1 && found * 2 >= said.size() - partsOfWordsNotInName(said, p);
    }

    /**
     * Of the words {@code said}, how many are parts of a hyphenated word the name has no part of: such a word is one
     * word said, not three ("the Hudson forty-twos", "the 60-piece Tinker" name the Hudson and the Tinker as surely as
     * "the Hudson 42s" would). A hyphenated word the name has a part of ("4-person" of a 2-Person tent) counts whole.
     */
    private long partsOfWordsNotInName(Set<String> said, Product p) {
        long parts = 0;
        for (String w : said) {
            if (w.indexOf('-') > 0) {
                Set<String> own = contentWords(w.replace('-', ' '));
                own.remove(w);
                own.retainAll(said);
                Set<String> all = new java.util.HashSet<>(own);
                all.add(w);
                parts += inName(all, p, false, true) == 0 ? own.size() : 0;
            }
        }
        return parts;
    }

    /**
     * As {@link #nameSays}, each word as written, in the plural or a typo away, not in another form: for
     * what a search lists, "water bottle" says nothing of a watering can.
     */
    boolean nameSaysAsWritten(Product p, String ref) {
        Set<String> said = contentWords(normal(ref));
        // How a thing is sold is not what it is: a railway set says nothing of "dumbbell sets"
        if (!SOLD_AS.containsAll(said)) {
            said.removeAll(SOLD_AS);
        }
        long found = inName(said, p, false, false);
        return found >= 1 && found * 2 >= said.size();
    }

    /** The product's type ("portable charger"), lower case; null when the catalog gives none. */
    static String typeOf(Product p) {
        Object type = p.attributes() == null ? null : p.attributes().get("type");
        return type == null ? null : type.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether every word of {@code ref} (one at least) is in the product's type ("fitness tracker" of an Activity Tracker). */
    boolean typeSaysAll(Product p, String ref) {
        Object type = p.attributes() == null ? null : p.attributes().get("type");
        Set<String> said = contentWords(normal(ref));
        return type != null && !said.isEmpty() && words(type.toString()).containsAll(said);
    }

    /**
     * Whether every word of {@code ref} is in the product's type, its name, its colour or its material, its type saying one
     * at least: "vacuum flasks" of the Mesa thermos (a vacuum flask by its type), "sage green vacuum flask" of it too, "red
     * rain boots" of the Jasper Wellington Boots (rain boots by type, red by colour).
     */
    boolean typeSaysTheKind(Product p, String ref) {
        Object type = p.attributes() == null ? null : p.attributes().get("type");
        Set<String> said = contentWords(normal(ref));
        if (type == null || said.isEmpty()) {
            return false;
        }
        Set<String> kind = words(type.toString());
        Set<String> described = new java.util.HashSet<>(words(p.name()));
        for (String a : List.of("color", "material")) {
            if (p.attributes().get(a) != null) {
                described.addAll(words(p.attributes().get(a).toString()));
            }
        }
        return said.stream().anyMatch(kind::contains) && said.stream().allMatch(w -> kind.contains(w) || described.contains(w));
    }

    /** Whether every word of {@code ref} (one at least) is in the product's name, allowing a typo or a short form ("cams": Camera). */
    boolean nameSaysAll(Product p, String ref) {
        Set<String> said = contentWords(normal(ref));
        long found = inName(said, p, true, true);
        return found >= 1 && found == said.size();
    }

    /**
     * How many of the words {@code said} are in the product's name, a typo counting; with {@code shortForms} a
     * word the name has a longer form of too, with {@code otherForms} another form of it ("lid", Lidded).
     */
    private long inName(Set<String> said, Product p, boolean shortForms, boolean otherForms) {
        Set<String> name = words(p.name());
        return said.stream().filter(w -> (otherForms ? hasWord(name, w) : name.contains(w))
                || name.stream().anyMatch(o -> mayMisspell(w, o) || shortForms && w.length() >= 3 && o.startsWith(w)))
                .count();
    }

    /** Whether a name's words have {@code w} as said or in another form ("lid": Lidded), never a typo. */
    private static boolean hasWord(Set<String> name, String w) {
        return name.contains(w) || name.stream().anyMatch(o -> sameStem(w, o));
    }

    /** Whether {@code ref} picks by price ("the cheapest", "the most expensive one"): a place in a list, never a line's name. */
    static boolean picksByPrice(String ref) {
        return ref != null && byPrice(normal(ref)).isPresent();
    }

    private static Optional<Comparator<Product>> byPrice(String r) {
        Comparator<Product> cheapest = Comparator.comparing(p -> p.price().amount());
        if (CHEAPEST.matcher(r).find()) {
            return Optional.of(cheapest);
        }
        return DEAREST.matcher(r).find() ? Optional.of(cheapest.reversed()) : Optional.empty();
    }

    private static Integer index(String r) {
        String s = INDEX_SUFFIX.matcher(INDEX_PREFIX.matcher(r).replaceFirst("")).replaceFirst("").strip();
        if (INDEX.matcher(s).matches()) {
            return Integer.parseInt(s.replace("#", ""));
        }
        return ORDINALS.get(s);
    }

    /**
     * Every candidate with the best score against the reference (none when no word fits any): a word
     * of the reference in a candidate's name scores 4, one a typo away from a word of it ("gren",
     * "purpel") 2, one only in its attributes (a brand the list did not show) 1: the shopper read
     * the names. Words that fit no candidate say nothing about which one is
     * meant ("how much", "sounds nice") and are left out. Typos are only read against what the
     * shopper was shown, never against the whole catalog.
     */
    private List<Product> bestOf(String ref, List<Product> candidates) {
        return scored(ref, candidates).best();
    }

    /**
     * {@code described}: the one best product has every word said, in its name or attributes, and no other candidate has
     * any ("the royal blue one"), or no name or attribute has any and its description alone has them all ("the ionic
     * one"): what it is like says which, though its name does not. {@code byName}: a word said is in its name.
     */
    private record Scored(List<Product> best, int score, boolean described, boolean byName) {
        Scored(List<Product> best, int score) {
            this(best, score, false, false);
        }
    }

    /**
     * The fits that the reference does not contradict: "the white Sonique" is not the pink Sonique however
     * well "Sonique" fits it. A colour said that neither the name nor the colour of a product has rules it out,
     * so that another product (off the list, in the catalog) or a question is the answer, never the pink one.
     */
    private static Scored withoutContradictions(Scored scored, String r) {
        Set<String> colours = Arrays.stream(NOT_A_WORD.split(r)).filter(COLOURS::contains).map(ProductResolver::colour)
                .collect(Collectors.toSet());
        Map<String, String> counted = counted(r);
        if (colours.isEmpty() && counted.isEmpty() || scored.best().isEmpty()) {
            return scored;
        }
        List<Product> kept = scored.best().stream().filter(p -> {
            Set<String> has = new java.util.HashSet<>();
            Arrays.stream(NOT_A_WORD.split(p.name().toLowerCase(Locale.ROOT))).map(ProductResolver::colour).forEach(has::add);
            if (p.attributes().get("color") instanceof String c) {
                Arrays.stream(NOT_A_WORD.split(c.toLowerCase(Locale.ROOT))).map(ProductResolver::colour).forEach(has::add);
            }
            // "the 4-person one" is no 2-Person tent, "the 12-piece set" no 6-Piece one
            Map<String, String> itsCounts = counted(p.name().toLowerCase(Locale.ROOT));
            return has.containsAll(colours) && counted.entrySet().stream()
                    .allMatch(e -> itsCounts.getOrDefault(e.getKey(), e.getValue()).equals(e.getValue()));
        }).toList();
        return kept.size() == scored.best().size() ? scored : new Scored(kept, scored.score());
    }

    /** "4-person", "12-piece", "2-burner": what is counted (stemmed), and how many. */
    private static Map<String, String> counted(String text) {
        Map<String, String> counted = new java.util.HashMap<>();
        Matcher m = COUNTED.matcher(text);
        while (m.find()) {
            counted.put(stem(m.group(2)), m.group(1));
        }
        return counted;
    }

    private static final Pattern COUNTED = Pattern.compile("\\b(\\d{1,4}+)-([a-z]{3,}+)\\b");

    /** Whether a word says which product rather than how it looks or how many ("Dalton", "mat"; not "blue", "small", "2"). */
    private static boolean namesRatherThanDescribes(String w) {
        return !SearchWords.QUALIFIERS.contains(w) && !COLOURS.contains(w) && !COLOUR_SAID.contains(w) && !number(w);
    }

    /**
     * "the sand colour one": the word says a colour follows or comes before, and names no other product, whatever product a
     * shop calls "Color" (a Quanta Color e-reader is still named by it when it is on screen: the word scores as any other).
     */
    private static final Set<String> COLOUR_SAID = Set.of("color", "colored", "coloured");

    /** A number, in digits or words: "42", "two" (stemmed from "twos"), "forty-two" ("the Hudson forty-twos" is their size). */
    private static boolean number(String w) {
        return w.chars().allMatch(Character::isDigit)
                || Arrays.stream(HYPHEN.split(w)).allMatch(part -> NUMBER_WORDS.contains(part) || NUMBER_WORDS.contains(stem(part)));
    }

    private static final Pattern HYPHEN = Pattern.compile("-");
    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
            "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred");

    /** Colour words, to tell a colour said from a product's own. */
    private static final Set<String> COLOURS = Set.of("red", "blue", "green", "pink", "black", "white", "grey", "gray", "yellow",
            "orange", "purple", "brown", "silver", "gold", "navy", "beige", "cream", "teal", "ivory", "charcoal", "olive", "lime",
            "coral", "burgundy", "maroon", "turquoise", "lavender", "khaki", "mint", "blush", "violet", "indigo", "magenta");

    private static String colour(String w) {
        return w.equals("gray") ? "grey" : w;
    }

    /**
     * The scores a name gets on the list on screen, the latest thing the shopper saw; on the product
     * in focus only when nothing on the list fits ("the kids one" after a new list means the list's).
     */
    private Scored scoredOnScreen(String r, List<String> shown, String activeProductId) {
        Scored onScreen = scored(r, products.findAll(shown));
        if (activeProductId == null || shown.contains(activeProductId)) {
            return onScreen;
        }
        Optional<Scored> inFocus = products.find(activeProductId).map(p -> scored(r, List.of(p))).filter(f -> !f.best().isEmpty());
        if (onScreen.best().isEmpty() || inFocus.isEmpty() || inFocus.get().score() < onScreen.score()) {
            return inFocus.filter(f -> onScreen.best().isEmpty()).orElse(onScreen);
        }
        if (inFocus.get().score() > onScreen.score()) {
            return inFocus.get();
        }
        // "the pink one, what's it made of?" looking at a pink scooter, with a pink puzzle on the list before it: the one in
        // focus fits as well as the list's; both are the tie, which goes to the one in focus (References.salient)
        List<Product> both = new java.util.ArrayList<>(inFocus.get().best());
        both.addAll(onScreen.best());
        return new Scored(List.copyOf(both), onScreen.score(), onScreen.described(), onScreen.byName());
    }

    private Scored scored(String ref, List<Product> candidates) {
        Set<String> refWords = contentWords(ref);
        List<Product> best = new java.util.ArrayList<>();
        int bestScore = 0;
        int fitting = 0; // candidates that any word fits
        boolean whole = false;
        boolean byName = false;
        for (Product p : refWords.isEmpty() ? List.<Product>of() : candidates) {
            Set<String> name = words(p.name());
            Set<String> attributes = words(String.valueOf(p.attributes().values()));
            int score = 0;
            int found = 0;
            boolean inName = false;
            for (String w : refWords) {
                int s = hasWord(name, w) ? 4 : name.stream().anyMatch(o -> mayMisspell(w, o)) ? 2
                        : attributes.contains(w) ? 1 : 0;
                score += s;
                found += s > 0 ? 1 : 0;
                inName |= s > 1;
            }
            fitting += score > 0 ? 1 : 0;
            if (score > bestScore) {
                best.clear();
                bestScore = score;
                whole = found == refWords.size();
                byName = inName;
            }
            if (score == bestScore && score > 0) {
                best.add(p);
            }
        }
        if (best.isEmpty() && !refWords.isEmpty()) {
            // No word in any name or attribute: what only a description says ("the ionic one", "the one for the birds")
            // names the one product whose text has every word said, if only one has.
            List<Product> described = candidates.stream().filter(p -> words(p.name() + " " + p.attributes().values() + " "
                    + (p.description() == null ? "" : p.description())).containsAll(refWords)).toList();
            return described.size() == 1 ? new Scored(described, 1, true, false) : new Scored(List.of(), 0);
        }
        return new Scored(best, bestScore, best.size() == 1 && whole && fitting == 1 && refWords.size() >= 2, byName);
    }

    /**
     * The words of a reference, a hyphenated word both whole and in parts: "the 4-person one" fits
     * the 4-Person tent better than the 2-Person one, which shares only "person".
     */
    private static Set<String> contentWords(String ref) {
        Set<String> words = Arrays.stream(NOT_A_WORD.split(ref)).filter(w -> w.length() > 1 && !NOISE.contains(w))
                .map(ProductResolver::stem).collect(Collectors.toCollection(java.util.HashSet::new));
        Arrays.stream(NOT_A_COMPOUND.split(ref)).filter(w -> w.indexOf('-') > 0).forEach(words::add);
        sizes(ref, words);
        return words;
    }

    private static Set<String> words(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Set<String> words = Arrays.stream(NOT_A_WORD.split(t)).map(ProductResolver::stem).collect(Collectors.toCollection(java.util.HashSet::new));
        Arrays.stream(NOT_A_COMPOUND.split(t)).filter(w -> w.indexOf('-') > 0).forEach(words::add);
        sizes(t, words);
        return words;
    }

    /**
     * A size, as one word: "Size S", "size XL", "EU 42" are "size-s", "size-xl", "eu-42". A letter alone is no word to the
     * match, so "the size S one" had fitted a Size S and a Size L harness alike.
     */
    private static void sizes(String text, Set<String> words) {
        Matcher size = SIZE.matcher(text);
        while (size.find()) {
            words.add(size.group(1) + "-" + size.group(2));
        }
    }

    private static final Pattern SIZE = Pattern.compile("\\b(size|eu|us|uk)\\s++([a-z0-9]{1,3}+)\\b");

    /**
     * Whether a word said may be a misspelling of a word on screen: not when the catalog names products by it as said
     * ("Fable", a maker, is no typo of the "Cable" of a jump rope on the list; a Fable speaker is another product).
     */
    private boolean mayBeATypo(String w) {
        return !search.names(w);
    }

    /**
     * Whether {@code w} may be the name's word {@code o} misspelt or cut short, as the scores and {@link #inName} read it:
     * never a word the catalog names products by ({@link #mayBeATypo}), and never a word of ordinary English a letter
     * away ("how long is the strand" names no laptop Stand; issue 14: no reference by correcting ordinary words).
     */
    private boolean mayMisspell(String w, String o) {
        return (abbreviates(w, o) || typoOf(w, o) && !EnglishWords.contains(w)) && mayBeATypo(w); // the catalog asked last: a search
    }

    /**
     * Whether {@code w} is {@code o} cut short, as shoppers shorten a long word ("ergo" of Ergonomic, "mech" of Mechanical):
     * four letters at least, and two or more left off. Read only as a typo is ({@link #mayBeATypo}): never a word the catalog
     * names products by ("lamp" is no short "lampshade").
     */
    private static boolean abbreviates(String w, String o) {
        return w.length() >= 4 && o.length() >= w.length() + 2 && o.startsWith(w) && w.chars().allMatch(Character::isLetter);
    }

    /** One edit (a letter added, dropped, changed or two swapped) between words of four letters or more. */
    static boolean typoOf(String a, String b) {
        if (a.length() < 4 || b.length() < 4 || Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            String restA = a.substring(i + 1);
            return restA.equals(b.substring(i + 1))
                    || i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(i));
    }

    /** What a thing is made of, said as its adjective: "the wooden one" is the one of wood (Material: Wood, "Wood Picture Frame"). */
    private static final Map<String, String> MADE_OF = Map.of("wooden", "wood", "woollen", "wool", "woolen", "wool", "golden", "gold",
            "silken", "silk", "metallic", "metal");

    /**
     * A plural as its singular, the same on both sides of a comparison: "lamps" lamp, "harnesses" harness, "boxes" box, "glass" glass,
     * "mice" mouse; a material's adjective as the material.
     */
    private static String stem(String w) {
        String base = MADE_OF.getOrDefault(w, SearchWords.IRREGULAR_PLURALS.get(w)); // "mice": a Mouse's name says "mouse"
        if (base != null) {
            return base;
        }
        if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, w.length() - 2);
        }
        String singular = w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w;
        return SPELLINGS.getOrDefault(singular, singular);
    }

    /**
     * One word spelt two ways, British and American, as one on both sides of a comparison: "the Fable aluminium" names a
     * Fable Aluminum stove, "the grey one" a Gray one, whichever way the shop spells its names. General spelling, not
     * this catalog's.
     */
    private static final Map<String, String> SPELLINGS = Map.ofEntries(Map.entry("grey", "gray"), Map.entry("aluminium", "aluminum"),
            Map.entry("colour", "color"), Map.entry("jewellery", "jewelry"), Map.entry("organiser", "organizer"),
            Map.entry("centre", "center"), Map.entry("cosy", "cozy"), Map.entry("fibre", "fiber"), Map.entry("mould", "mold"),
            Map.entry("pyjama", "pajama"), Map.entry("tyre", "tire"), Map.entry("moisturiser", "moisturizer"),
            Map.entry("favourite", "favorite"), Map.entry("theatre", "theater"));

    /**
     * Two forms of one word by the Snowball English stemmer ("lid" and "lidded", "knit" and
     * "knitted"): a word of a name all the same. Numbers are no such word. Both come through {@link #stem}, which has
     * already made an irregular plural its singular ("mice": mouse).
     */
    static boolean sameStem(String a, String b) {
        return Character.isLetter(a.charAt(0)) && Character.isLetter(b.charAt(0))
                && snowball(a).equals(snowball(b));
    }

    private static String snowball(String w) {
        EnglishStemmer stemmer = STEMMER.get();
        stemmer.setCurrent(w);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** A Snowball stemmer keeps the word it works on: one per thread. */
    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

    private static String normal(String ref) {
        return ref == null ? "" : SPACES.matcher(ref.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    }
}
