package com.shopkeeper.engine;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    private static final Set<String> NOISE = Set.of("the", "a", "an", "one", "ones", "please", "pls", "of", "with",
            "number", "no", "item", "product", "thing", "that", "this");
    private static final Pattern SKU = Pattern.compile("[a-z]{1,4}-\\d{3,}");
    private static final Pattern INDEX_PREFIX = Pattern.compile("^(?:the|number|no\\.?|#|item|option)\\s*+");
    // Possessive, from the start of a run of spaces only: tried inside the run, each try read the rest of it again.
    private static final Pattern INDEX_SUFFIX = Pattern.compile("(?<!\\s)\\s*+(?:one|please|pls)$");
    private static final Pattern INDEX = Pattern.compile("#?\\d{1,2}");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ProductService products;

    ProductResolver(ProductService products) {
        this.products = products;
    }

    /** A product among those shown (or the one being discussed), or by sku. */
    Optional<Product> resolve(String ref, List<String> shown, String activeProductId) {
        String r = normal(ref);
        if (r.isEmpty() || DEICTIC.contains(r)) {
            if (activeProductId != null) {
                return products.find(activeProductId);
            }
            return shown.size() == 1 ? products.find(shown.getFirst()) : Optional.empty();
        }
        Integer index = index(r);
        if (index != null) {
            return index >= 1 && index <= shown.size() ? products.find(shown.get(index - 1)) : Optional.empty();
        }
        if (r.equals("last") || r.equals("the last")) {
            return shown.isEmpty() ? Optional.empty() : products.find(shown.getLast());
        }
        if (SKU.matcher(r).matches()) {
            Optional<Product> bySku = products.findBySku(ref.strip().toUpperCase(Locale.ROOT));
            if (bySku.isPresent()) {
                return bySku;
            }
        }
        List<Product> candidates = products.findAll(activeProductId == null || shown.contains(activeProductId)
                ? shown : prepend(activeProductId, shown));
        return bestByWords(r, candidates);
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
            return cart.stream().filter(i -> i.productId().equals(activeProductId)).findFirst();
        }
        Integer index = index(r);
        if (index != null) {
            return index >= 1 && index <= cart.size() ? Optional.of(cart.get(index - 1)) : Optional.empty();
        }
        List<Product> inCart = products.findAll(cart.stream().map(CartItem::productId).toList());
        return bestByWords(r, inCart).flatMap(p -> cart.stream().filter(i -> i.productId().equals(p.id())).findFirst());
    }

    private static List<String> prepend(String first, List<String> rest) {
        var list = new java.util.ArrayList<String>();
        list.add(first);
        list.addAll(rest);
        return list;
    }

    private static Integer index(String r) {
        String s = INDEX_SUFFIX.matcher(INDEX_PREFIX.matcher(r).replaceFirst("")).replaceFirst("").strip();
        if (INDEX.matcher(s).matches()) {
            return Integer.parseInt(s.replace("#", ""));
        }
        return ORDINALS.get(s);
    }

    /**
     * The products among those shown (or in focus) that fit a name equally well, when two or more do:
     * "the blue one" with a blue mug and a blue bowl on the list. Empty when one fits best, or none.
     */
    List<Product> tied(String ref, List<String> shown, String activeProductId) {
        String r = normal(ref);
        if (r.isEmpty() || DEICTIC.contains(r) || index(r) != null) {
            return List.of();
        }
        List<Product> candidates = products.findAll(activeProductId == null || shown.contains(activeProductId)
                ? shown : prepend(activeProductId, shown));
        List<Product> best = bestOf(r, candidates);
        return best.size() >= 2 ? best : List.of();
    }

    /** The candidate whose name and attributes share the most words with the reference, when unique. */
    private static Optional<Product> bestByWords(String ref, List<Product> candidates) {
        List<Product> best = bestOf(ref, candidates);
        return best.size() == 1 ? Optional.of(best.getFirst()) : Optional.empty();
    }

    /** Every candidate with the highest number of words in common with the reference (none when no word is). */
    private static List<Product> bestOf(String ref, List<Product> candidates) {
        Set<String> words = Arrays.stream(NOT_A_WORD.split(ref)).filter(w -> w.length() > 1 && !NOISE.contains(w))
                .map(ProductResolver::stem).collect(Collectors.toSet());
        List<Product> best = new java.util.ArrayList<>();
        int bestScore = 0;
        for (Product p : words.isEmpty() ? List.<Product>of() : candidates) {
            String text = (p.name() + " " + p.attributes().values()).toLowerCase(Locale.ROOT);
            Set<String> own = Arrays.stream(NOT_A_WORD.split(text)).map(ProductResolver::stem).collect(Collectors.toSet());
            int score = (int) words.stream().filter(own::contains).count();
            if (score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore && score > 0) {
                best.add(p);
            }
        }
        return best;
    }

    private static String stem(String w) {
        return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }

    private static String normal(String ref) {
        return ref == null ? "" : SPACES.matcher(ref.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    }
}
