package com.shopkeeper.catalog.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way product text and shopper queries are cut into words, so that both sides of a match
 * agree: lower case, accents dropped, apostrophes folded ("men's" becomes "mens", as shoppers
 * type it), everything that is not a letter or a digit a separator. Emoji, quotes, operators and
 * other symbols therefore never reach the full-text engine.
 */
final class Words {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("(\\p{L})['’‘`](\\p{L})");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Words() {
    }

    static List<String> of(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD);
        folded = MARKS.matcher(folded).replaceAll("");
        folded = APOSTROPHES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("$1$2");
        List<String> words = new ArrayList<>();
        for (String w : SEPARATORS.split(folded)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static String joined(String text) {
        return String.join(" ", of(text));
    }

    static boolean isNumber(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return !word.isEmpty();
    }
}
