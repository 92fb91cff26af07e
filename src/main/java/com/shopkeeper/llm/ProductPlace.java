package com.shopkeeper.llm;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product named by its place among a kind, as a call's {@code product} argument writes it: "second lamp", "last candle",
 * the second lamp the shopper was shown, in the list on screen or, with none there, an earlier one. The offline reading
 * writes it and models are asked to ({@link FunctionCalls}); the engine finds it; the label scheme ({@link Reading}) has
 * the place alone ("2", "last"), as it writes every place in a list.
 */
public final class ProductPlace {

    private static final List<String> WORDS = List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth");
    private static final Pattern OF_KIND = Pattern.compile("^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)"
            + "\\s[a-z].*+$");

    private ProductPlace() {
    }

    /** {@code place} ("2", "last") among {@code kind} ("lamp"): "second lamp"; a place past the tenth stays a number. */
    public static String of(String place, String kind) {
        int n = place.chars().allMatch(Character::isDigit) ? Integer.parseInt(place) : 0;
        return (n >= 1 && n <= WORDS.size() ? WORDS.get(n - 1) : place) + " " + kind;
    }

    /** The place ("2", "last") of a place among a kind ("second lamp"); empty when {@code ref} is not one. */
    public static Optional<String> placeOf(String ref) {
        Matcher m = ref == null ? null : OF_KIND.matcher(ref);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String place = m.group(1);
        return Optional.of(place.equals("last") ? place : String.valueOf(WORDS.indexOf(place) + 1));
    }
}
