package com.shopkeeper.llm;

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

    private SearchWords() {
    }
}
