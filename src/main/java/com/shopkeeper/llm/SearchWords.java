package com.shopkeeper.llm;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Words that narrow a search without naming a product ("in blue", "something bigger", "a wooden
 * one"): the engine adds them to the last search's subject, and the offline understanding reads a
 * search made only of them as a refinement. One list, so the two agree.
 */
public final class SearchWords {

    /** The colours among {@link #QUALIFIERS}. */
    public static final Set<String> COLOURS = Set.of("black", "white", "gray", "grey", "beige", "brown", "red", "pink",
            "orange", "yellow", "green", "blue", "navy", "purple", "silver", "gold", "cream", "teal", "olive", "tan");

    /**
     * Plurals no stemmer undoes ("wireless mice" are mice of the catalog's "Mouse"), with the word a product's name says.
     * Not "men", "women", "children": who a product is for, which names say otherwise ("Men's", "Kids").
     */
    public static final java.util.Map<String, String> IRREGULAR_PLURALS = java.util.Map.ofEntries(
            java.util.Map.entry("mice", "mouse"), java.util.Map.entry("knives", "knife"), java.util.Map.entry("shelves", "shelf"),
            java.util.Map.entry("scarves", "scarf"), java.util.Map.entry("leaves", "leaf"), java.util.Map.entry("loaves", "loaf"),
            java.util.Map.entry("halves", "half"), java.util.Map.entry("geese", "goose"), java.util.Map.entry("teeth", "tooth"),
            java.util.Map.entry("wolves", "wolf"), java.util.Map.entry("thieves", "thief"));

    public static final Set<String> QUALIFIERS = Stream.concat(COLOURS.stream(), Stream.of(
            "leather", "wood", "wooden", "metal", "steel", "glass", "cotton", "wool", "linen", "plastic", "ceramic", "bamboo",
            "velvet", "small", "smaller", "large", "larger", "big", "bigger", "medium", "mini", "compact", "xl", "light",
            "lighter", "heavy", "waterproof", "wireless", "kids", "outdoor", "indoor", "round", "square"))
            .collect(Collectors.toUnmodifiableSet());

    /** A colour said as a kind of its own ("any reds?", "the blues"): the colour. */
    public static String colourOf(String word) {
        return word.length() > 3 && word.endsWith("s") && COLOURS.contains(word.substring(0, word.length() - 1))
                ? word.substring(0, word.length() - 1) : word;
    }

    /**
     * Words for what a product comes in, or for a list's entries, naming none ("in a bigger size",
     * "another colour", "a wooden version", "show more results").
     */
    public static final Set<String> ATTRIBUTES = Set.of("size", "sizes", "colour", "color", "colours", "colors", "version",
            "versions", "shade", "shades", "style", "styles", "kind", "kinds", "type", "types", "results", "result", "page",
            "items", "choices");

    /** Words about what a product costs, naming none ("one that costs less", "less money", "my budget"). */
    public static final Set<String> PRICE_TALK = Set.of("price", "prices", "priced", "cost", "costs", "costing", "money",
            "budget", "spend", "pay", "afford");

    /** Words that ask for something cheaper than what was shown ("any cheaper?", "less expensive", "más barato"). */
    public static final Set<String> CHEAPER = Set.of("cheaper", "cheapest", "cheap", "less", "lower", "affordable",
            "barato", "baratos", "barata", "económico", "economico", "günstiger", "billiger");
    /** Words that ask for something dearer than what was shown; after a "not" or a "too", for something cheaper. */
    public static final Set<String> PRICIER = Set.of("pricier", "fancier", "premium", "expensive", "pricey");
    /** Words that ask for others than those shown ("any others?", "something different"). */
    public static final Set<String> OTHERS = Set.of("others", "other", "another", "else", "different", "alternatives",
            "alternative", "options", "more", "next", "similar");
    /** Before a word of PRICIER, these make it a wish for less: "not so expensive", "too pricey". */
    private static final Set<String> TOO_MUCH = Set.of("not", "too", "less", "so", "bit", "very");

    /** Every word that says how a search changes the last list. */
    public static boolean changes(String word) {
        return CHEAPER.contains(word) || PRICIER.contains(word) || OTHERS.contains(word);
    }

    /**
     * The change {@code words} ask of the last list, if any: cheaper wins over pricier ("less
     * expensive"), both over others ("more affordable"). A dearer word after "not" or "too" is a
     * wish for cheaper ("not so expensive pls", "too pricey").
     */
    public static FunctionCall.Change change(List<String> words) {
        boolean tooMuch = false;
        for (int i = 0; i < words.size(); i++) {
            if (PRICIER.contains(words.get(i)) && (i > 0 && TOO_MUCH.contains(words.get(i - 1))
                    || i > 1 && TOO_MUCH.contains(words.get(i - 2)) && !words.get(i - 1).equals("more"))) {
                tooMuch = true;
            }
        }
        if (tooMuch || words.stream().anyMatch(CHEAPER::contains)) {
            return FunctionCall.Change.CHEAPER;
        }
        if (words.stream().anyMatch(PRICIER::contains)) {
            return FunctionCall.Change.PRICIER;
        }
        return words.stream().anyMatch(OTHERS::contains) ? FunctionCall.Change.OTHERS : null;
    }

    private SearchWords() {
    }
}
