package com.shopkeeper.catalog.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every word of the catalog with the number of products that use it: the dictionary that
 * shoppers' typos are corrected against. Learned from the catalog itself, so it speaks the
 * shop's language (brands, product types) and nothing else. Counts only grow while the process
 * runs (a deleted product's words stay until the next start): a stale word can only be offered
 * as a correction, which then finds nothing extra.
 */
final class Vocabulary {

    /** Words this short have too many neighbours to correct with any confidence. */
    private static final int MIN_CORRECTABLE = 3;

    private final Map<String, Integer> frequency = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger products = new java.util.concurrent.atomic.AtomicInteger();

    /** Products counted so far. */
    int products() {
        return products.get();
    }

    /** Words of product names, apart: what a shopper names a product by (descriptions say "perfect", "easy"). */
    private final java.util.Set<String> nameWords = ConcurrentHashMap.newKeySet();

    boolean inAName(String word) {
        return nameWords.contains(word);
    }

    /** How many kinds a word of names must span to say what a product is like rather than what it is. */
    static final int MANY_KINDS = 2;
    /** For each word of a name, the kinds (the {@code type} attribute) of the products it is in, up to {@link #MANY_KINDS}. */
    private final Map<String, java.util.Set<String>> kindsOf = new ConcurrentHashMap<>();
    /** The last word of every kind ("lamp" of "bedside lamp"): a word that says what a product is. */
    private final java.util.Set<String> kindHeads = ConcurrentHashMap.newKeySet();

    void addProduct(Collection<String> words, Collection<String> names, String kind) {
        nameWords.addAll(names);
        if (!kind.isEmpty()) {
            kindHeads.add(kind.substring(kind.lastIndexOf(' ') + 1));
            for (String w : names) {
                java.util.Set<String> kinds = kindsOf.computeIfAbsent(w, k -> ConcurrentHashMap.newKeySet());
                if (kinds.size() < MANY_KINDS) {
                    kinds.add(kind);
                }
            }
        }
        addProduct(words);
    }

    /**
     * Whether {@code word} says what a product is like, not what it is: it is in the names of products of {@value #MANY_KINDS}
     * kinds or more and ends no kind ("cordless": mowers and kettles; "nimbus", a maker; not "lamp"). Learned from
     * the catalog, so a shop's own makers and features count without a list.
     */
    boolean describes(String word) {
        java.util.Set<String> kinds = kindsOf.get(word);
        return kinds != null && kinds.size() >= MANY_KINDS && !kindHeads.contains(word);
    }

    void addProduct(Collection<String> words) {
        products.incrementAndGet();
        for (String w : new HashSet<>(words)) {
            frequency.merge(w, 1, Integer::sum);
        }
    }

    int frequency(String word) {
        return frequency.getOrDefault(word, 0);
    }

    int size() {
        return frequency.size();
    }

    /**
     * The groups with their unknown words replaced by what the shopper most likely meant: a word
     * the catalog knows within a small typing distance ({@link TypoDistance}), the words it
     * begins (a partial word, matched as a prefix), or two known words typed apart that the
     * catalog writes as one ("smart watch" for "smartwatch").
     */
    List<ParsedQuery.Group> correct(List<ParsedQuery.Group> groups) {
        List<ParsedQuery.Group> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ParsedQuery.Group g = groups.get(i);
            if (g.alternatives().size() != 1 || g.alternatives().getFirst().words().size() != 1) {
                out.add(g);
                continue;
            }
            String word = g.typed();
            String fixed = known(word) ? word : bestCorrection(word);
            // Two known words that the catalog also writes joined: accept either spelling.
            if (i + 1 < groups.size() && fixed != null && groups.get(i + 1).alternatives().size() == 1
                    && groups.get(i + 1).alternatives().getFirst().words().size() == 1) {
                String next = groups.get(i + 1).typed();
                String nextFixed = known(next) ? next : bestCorrection(next);
                if (nextFixed != null && frequency(fixed + nextFixed) > 0) {
                    out.add(new ParsedQuery.Group(word + " " + next, List.of(
                            new ParsedQuery.Alternative(List.of(fixed, nextFixed), false),
                            ParsedQuery.Alternative.word(fixed + nextFixed))));
                    i++;
                    continue;
                }
            }
            if (known(word)) {
                out.add(g);
                continue;
            }
            List<ParsedQuery.Alternative> alternatives = new ArrayList<>();
            if (fixed != null) {
                alternatives.add(ParsedQuery.Alternative.word(fixed));
            }
            if (word.length() >= MIN_CORRECTABLE && !Words.isNumber(word) && isPrefix(word)) {
                alternatives.add(new ParsedQuery.Alternative(List.of(word), true));
            }
            if (alternatives.isEmpty()) {
                // Nothing in the catalog resembles it: keep it, the match relaxes around it.
                out.add(g);
            } else {
                out.add(new ParsedQuery.Group(word, alternatives));
            }
        }
        return out;
    }

    /** The text with every unknown word replaced by its correction, for the embedding model. */
    String correctText(List<ParsedQuery.Group> corrected) {
        List<String> words = new ArrayList<>();
        for (ParsedQuery.Group g : corrected) {
            ParsedQuery.Alternative first = g.alternatives().getFirst();
            words.add(first.prefix() ? g.typed() : String.join(" ", first.words()));
        }
        return String.join(" ", words);
    }

    /** The whole sentence, filler included, with each corrected word replaced by its correction. */
    String correctSentence(List<String> allWords, List<ParsedQuery.Group> corrected) {
        Map<String, String> fixes = new java.util.HashMap<>();
        for (ParsedQuery.Group g : corrected) {
            ParsedQuery.Alternative first = g.alternatives().getFirst();
            if (!first.prefix() && first.words().size() == 1 && !g.typed().contains(" ")) {
                fixes.put(g.typed(), first.words().getFirst());
            }
        }
        List<String> out = new ArrayList<>(allWords.size());
        for (String w : allWords) {
            out.add(fixes.getOrDefault(w, w));
        }
        return String.join(" ", out);
    }

    private boolean known(String word) {
        return Words.isNumber(word) || frequency(word) > 0;
    }

    private boolean isPrefix(String word) {
        for (String w : frequency.keySet()) {
            if (w.length() > word.length() && w.startsWith(word)) {
                return true;
            }
        }
        return false;
    }

    private String bestCorrection(String word) {
        if (word.length() < MIN_CORRECTABLE || Words.isNumber(word)) {
            return null;
        }
        if (word.endsWith("ys") && word.length() > 4) {
            // "hoodys": the plural of a word the catalog spells with -ie ("hoodie"), not the nearest word by letters
            // ("hooded" is as near, and more frequent)
            String stem = word.substring(0, word.length() - 2);
            for (String variant : List.of(stem + "ie", stem + "ies", stem + "y")) {
                if (known(variant)) {
                    return variant;
                }
            }
        }
        double limit = word.length() <= 4 ? 1.0 : 2.0;
        String best = null;
        double bestCost = Double.MAX_VALUE;
        int bestFrequency = 0;
        for (Map.Entry<String, Integer> e : frequency.entrySet()) {
            String candidate = e.getKey();
            if (Math.abs(candidate.length() - word.length()) > 2 || candidate.length() < MIN_CORRECTABLE) {
                continue;
            }
            double cost = TypoDistance.between(word, candidate, limit);
            if (cost > limit) {
                continue;
            }
            if (cost < bestCost || (cost == bestCost && e.getValue() > bestFrequency)) {
                best = candidate;
                bestCost = cost;
                bestFrequency = e.getValue();
            }
        }
        return best;
    }
}
