package com.shopkeeper.llm.offline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One slip of the finger in a word that asks the shop for something: "chckout", "remvoe", "payy",
 * "ordr", "secnd" are checkout, remove, pay, order and second. The rules and the intent model key on these few words,
 * so one letter left out, doubled, added or two swapped should not lose the request.
 *
 * <p>Only these words are corrected, never into a product's name (issue 14: ordinary words were once
 * typo-corrected into catalog words), and a word that is itself a catalog word stays as written
 * ("remote" is not "remove"). A letter changed for another is not corrected ("older" is no "order"),
 * nor is a letter added at the start ("border"). Words under five letters are corrected only when a
 * letter is doubled ("payy", "cartt"), since every short word is one letter off several others.
 */
final class CommandTypos {

    private static final List<String> WORDS = List.of("checkout", "remove", "delete", "basket", "cart", "order", "orders",
            "pay", "payment", "status", "tracking", "delivery", "shipping", "quantity", "details", "cancel", "refund", "please",
            // positions in a list ("the secnd one", "the thrid"); not "first", whose slips "fist" and "firs" are words
            "second", "third", "fourth", "fifth",
            // a price's limit ("soccr balls undr 25", "lamps bellow 40")
            "under", "below", "above");
    // Slips that are words of their own: "back and forth" is not the fourth, a blow dryer is no below.
    private static final List<String> WORDS_OF_THEIR_OWN = List.of("forth", "blow", "bove");
    private static final Map<String, String> SLIPS = slips();

    private CommandTypos() {
    }

    /** {@code word} as it was meant, when it is one slip away from a command word; otherwise {@code word}. */
    static String fix(String word) {
        String meant = SLIPS.get(word);
        return meant == null || QueryTagger.catalogWord(word) ? word : meant;
    }

    private static Map<String, String> slips() {
        Map<String, String> slips = new HashMap<>();
        for (String w : WORDS) {
            for (int i = 0; i < w.length(); i++) {
                // A letter doubled: "payy", "chheckout".
                slips.putIfAbsent(w.substring(0, i + 1) + w.charAt(i) + w.substring(i + 1), w);
                if (w.length() < 5) {
                    continue;
                }
                // A letter left out: "chckout"; two swapped: "remvoe".
                slips.putIfAbsent(w.substring(0, i) + w.substring(i + 1), w);
                if (i + 1 < w.length()) {
                    slips.putIfAbsent(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2), w);
                }
                // A letter added after the first: "remoove", "checkiout".
                for (char c = 'a'; c <= 'z'; c++) {
                    slips.putIfAbsent(w.substring(0, i + 1) + c + w.substring(i + 1), w);
                }
            }
        }
        // "order" + "s" is "orders", a word of its own.
        slips.keySet().removeIf(s -> s.length() < 3 || WORDS.contains(s) || WORDS_OF_THEIR_OWN.contains(s));
        return Map.copyOf(slips);
    }
}
