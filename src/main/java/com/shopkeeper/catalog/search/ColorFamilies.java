package com.shopkeeper.catalog.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shops name colours ("Navy", "Burgundy", "Sage Green"); shoppers ask for the plain colour
 * ("blue", "red", "green"). The product text carries the family beside the shop's name so that
 * a plain colour finds every shade of it. The table is general colour knowledge (the names of
 * paint and fashion shades), not a list of this catalog's products: a shade it does not know
 * still matches by its own words.
 */
final class ColorFamilies {

    private static final Map<String, String> FAMILY = Map.ofEntries(
            // blue
            Map.entry("navy", "blue"), Map.entry("denim", "blue"), Map.entry("cobalt", "blue"),
            Map.entry("indigo", "blue"), Map.entry("teal", "blue"), Map.entry("azure", "blue"),
            Map.entry("turquoise", "blue"), Map.entry("sapphire", "blue"), Map.entry("cerulean", "blue"),
            // green
            Map.entry("emerald", "green"), Map.entry("sage", "green"), Map.entry("olive", "green"),
            Map.entry("forest", "green"), Map.entry("lime", "green"), Map.entry("mint", "green"),
            Map.entry("khaki", "green"), Map.entry("jade", "green"),
            // red
            Map.entry("burgundy", "red"), Map.entry("cherry", "red"), Map.entry("ruby", "red"),
            Map.entry("crimson", "red"), Map.entry("scarlet", "red"), Map.entry("maroon", "red"),
            Map.entry("wine", "red"),
            // pink
            Map.entry("blush", "pink"), Map.entry("mauve", "pink"), Map.entry("fuchsia", "pink"),
            Map.entry("magenta", "pink"), Map.entry("rose", "pink"), Map.entry("salmon", "pink"),
            // yellow
            Map.entry("mustard", "yellow"), Map.entry("sunflower", "yellow"), Map.entry("lemon", "yellow"),
            Map.entry("canary", "yellow"),
            // orange
            Map.entry("terracotta", "orange"), Map.entry("coral", "orange"), Map.entry("copper", "orange"),
            Map.entry("rust", "orange"), Map.entry("tangerine", "orange"), Map.entry("peach", "orange"),
            Map.entry("apricot", "orange"),
            // gray
            Map.entry("charcoal", "gray"), Map.entry("slate", "gray"), Map.entry("heather", "gray"),
            Map.entry("graphite", "gray"), Map.entry("grey", "gray"), Map.entry("ash", "gray"),
            Map.entry("pewter", "gray"), Map.entry("smoke", "gray"),
            // brown
            Map.entry("espresso", "brown"), Map.entry("walnut", "brown"), Map.entry("chocolate", "brown"),
            Map.entry("cognac", "brown"), Map.entry("tan", "brown"), Map.entry("honey", "brown"),
            Map.entry("bronze", "brown"), Map.entry("mocha", "brown"), Map.entry("chestnut", "brown"),
            Map.entry("camel", "brown"), Map.entry("caramel", "brown"), Map.entry("taupe", "brown"),
            // beige and white
            Map.entry("cream", "beige"), Map.entry("sand", "beige"), Map.entry("natural", "beige"),
            Map.entry("nude", "beige"), Map.entry("oatmeal", "beige"), Map.entry("ecru", "beige"),
            Map.entry("ivory", "white"), Map.entry("snow", "white"), Map.entry("pearl", "white"),
            Map.entry("jet", "black"), Map.entry("onyx", "black"), Map.entry("ebony", "black"),
            // purple
            Map.entry("lavender", "purple"), Map.entry("plum", "purple"), Map.entry("berry", "purple"),
            Map.entry("violet", "purple"), Map.entry("lilac", "purple"), Map.entry("aubergine", "purple"),
            // metals
            Map.entry("brass", "gold"), Map.entry("chrome", "silver"), Map.entry("nickel", "silver"),
            Map.entry("stainless", "silver"), Map.entry("platinum", "silver"));

    private static final List<String> BASES = List.of("black", "white", "gray", "beige", "brown", "red", "pink",
            "orange", "yellow", "green", "blue", "purple", "gold", "silver");

    private ColorFamilies() {
    }

    /**
     * The plain colour a shop's colour name belongs to, or null. A name that already holds a plain
     * colour ("Sky Blue") is that colour; otherwise the last known shade word decides ("Walnut
     * Brown" is brown, "Gray Wash" gray).
     */
    static String familyOf(String colorName) {
        if (colorName == null) {
            return null;
        }
        List<String> words = Words.of(colorName.toLowerCase(Locale.ROOT));
        for (String w : words) {
            if (BASES.contains(w)) {
                return w;
            }
        }
        String family = null;
        for (String w : words) {
            family = FAMILY.getOrDefault(w, family);
        }
        return family;
    }
}
