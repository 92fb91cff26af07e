package com.shopkeeper.llm;

import java.util.Collection;
import java.util.Set;

/**
 * Words that narrow a search without naming a product ("in blue", "something bigger", "a wooden
 * one"): the engine adds them to the last search's subject, and the offline understanding reads a
 * search made only of them as a refinement. One list, so the two agree.
 */
public final class SearchWords {

    public static final Set<String> QUALIFIERS = Set.of("black", "white", "gray", "grey", "beige", "brown", "red", "pink",
            "orange", "yellow", "green", "blue", "navy", "purple", "silver", "gold", "cream", "teal", "olive", "tan",
            "leather", "wood", "wooden", "metal", "steel", "glass", "cotton", "wool", "linen", "plastic", "ceramic", "bamboo",
            "velvet", "small", "smaller", "large", "larger", "big", "bigger", "medium", "mini", "compact", "xl", "light",
            "lighter", "heavy", "waterproof", "wireless", "kids", "outdoor", "indoor", "round", "square");

    /** Words for what a product comes in, naming none ("in a bigger size", "another colour", "a wooden version"). */
    public static final Set<String> ATTRIBUTES = Set.of("size", "sizes", "colour", "color", "colours", "colors", "version",
            "versions", "shade", "shades", "style", "styles", "kind", "kinds", "type", "types");

    /** Words about what a product costs, naming none ("one that costs less", "less money", "my budget"). */
    public static final Set<String> PRICE_TALK = Set.of("price", "prices", "priced", "cost", "costs", "costing", "money",
            "budget", "spend", "pay", "afford");

    /** Words that ask for something cheaper than what was shown ("any cheaper?", "less expensive"). */
    public static final Set<String> CHEAPER = Set.of("cheaper", "cheapest", "cheap", "less", "lower");
    /** Words that ask for something dearer than what was shown. */
    public static final Set<String> PRICIER = Set.of("pricier", "fancier", "premium", "expensive");
    /** Words that ask for others than those shown ("any others?", "something different"). */
    public static final Set<String> OTHERS = Set.of("others", "other", "another", "else", "different", "alternatives",
            "alternative", "options", "more", "next", "similar");

    /** The change {@code words} ask of the last list, if any: cheaper wins over pricier ("less expensive"), both over others. */
    public static FunctionCall.Change change(Collection<String> words) {
        if (words.stream().anyMatch(CHEAPER::contains)) {
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
