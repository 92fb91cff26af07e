package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A word a phone's autocorrect swapped for another real word: "where is my older", "chick out please", "a desk lamb under
 * 40", "yoga mars", "add the read kettle". Read as a noisy channel: the words one letter away (left out, added, changed or
 * two swapped) are the candidates, and the shop's own language says which was meant: the labelled messages the intent
 * model learns from, the bundled catalog's names, and each product's colour before its kind ("red kettle").
 *
 * <p>A word is put back only when nothing the shop has ever seen puts it between its neighbours, while the candidate was
 * seen at least twice beside every neighbour that says something (a boundary, a number or a little word like "the" or
 * "under" says nothing either way, and at least one neighbour must say something). Never a word of the catalog or a word the shop's language
 * uses often, never a word under four letters, never a number: "do you have a jug" stays a jug (nothing beside it says
 * mug), "my older son" stays older (no one says "order son"). The first failure was an ordinary word corrected
 * into a catalog word and taken as a product; here the catalog is never the evidence on its own.
 *
 * <p>Written here: spelling libraries (Hunspell, SymSpell) correct words that are not words; these are words, wrong only
 * where they stand, and the language that says so is the shop's.
 */
final class Swaps {

    /** Words that say nothing about what stands beside them. */
    private static final Set<String> LITTLE = Set.of("the", "a", "an", "some", "any", "of", "for", "to", "in", "and", "with",
            "please", "under", "over", "below", "above", "than", "on", "at", "or", "but", "so", "then", "too", "also");
    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9']*+");
    private static final Pattern PIECES = Pattern.compile("[^a-z0-9' ]++");
    private static final Pattern SPACE = Pattern.compile(" ++");
    private static final String START = "^";
    private static final String END = "$";
    /** How often a word must be seen to be a candidate, and how often is too often to be a swap itself. */
    private static final int COMMON = 3;
    private static final int MIN_LENGTH = 4;
    /** How often a candidate must have been seen beside each neighbour that says something. */
    private static final int EVIDENCE = 2;

    private final Map<String, Integer> pairs;
    private final Map<String, Integer> counts;
    /** Each candidate word under itself and each of its one-letter-shorter forms. */
    private final Map<String, List<String>> byDeletion;

    private Swaps(Map<String, Integer> pairs, Map<String, Integer> counts) {
        this.pairs = pairs;
        this.counts = counts;
        Map<String, List<String>> index = new HashMap<>();
        counts.forEach((word, n) -> {
            if (n >= COMMON && word.length() >= MIN_LENGTH - 1) {
                for (String key : deletionsAndSelf(word)) {
                    index.computeIfAbsent(key, k -> new ArrayList<>()).add(word);
                }
            }
        });
        this.byDeletion = Map.copyOf(index);
    }

    private static volatile Swaps bundled;

    /** Learned from the bundled labelled messages and demo catalog, once per process. */
    static Swaps bundled() {
        Swaps s = bundled;
        if (s == null) {
            synchronized (Swaps.class) {
                s = bundled;
                if (s == null) {
                    s = learn();
                    bundled = s;
                }
            }
        }
        return s;
    }

    private static Swaps learn() {
        Map<String, Integer> pairs = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String resource : List.of(IntentClassifier.RESOURCE, QueryTagger.SPANS)) {
            for (JsonNode n : JsonLines.read(resource)) {
                see(Utterance.plain(n.path("text").asString("")).text(), pairs, counts);
            }
        }
        for (JsonNode n : JsonLines.read(QueryTagger.CATALOG)) {
            String name = n.path("name").asString("").toLowerCase(Locale.ROOT);
            String type = n.path("attributes").path("type").asString("").toLowerCase(Locale.ROOT);
            String colour = n.path("attributes").path("color").asString("").toLowerCase(Locale.ROOT);
            see(name, pairs, counts);
            see(type, pairs, counts);
            see(plural(type), pairs, counts); // "yoga mats", "dog beds": kinds are asked for in the plural
            if (!colour.isEmpty() && !type.isEmpty()) {
                see(colour + " " + type, pairs, counts); // "the red kettle"
            }
        }
        return new Swaps(Map.copyOf(pairs), Map.copyOf(counts));
    }

    private static String plural(String type) {
        if (type.isEmpty()) {
            return type;
        }
        return type.endsWith("s") || type.endsWith("x") || type.endsWith("sh") || type.endsWith("ch") ? type + "es"
                : type.endsWith("y") && !type.endsWith("ey") ? type.substring(0, type.length() - 1) + "ies" : type + "s";
    }

    /** Counts the words of {@code text} and each word beside the next, the start and end of each piece included. */
    private static void see(String text, Map<String, Integer> pairs, Map<String, Integer> counts) {
        for (String piece : PIECES.split(text.toLowerCase(Locale.ROOT))) {
            List<String> words = words(piece);
            if (words.isEmpty()) {
                continue;
            }
            String before = START;
            for (String w : words) {
                counts.merge(w, 1, Integer::sum);
                pairs.merge(before + " " + w, 1, Integer::sum);
                before = w;
            }
            pairs.merge(before + " " + END, 1, Integer::sum);
        }
    }

    /** {@code text} (normalised: lower case) with every swapped word put back as it was meant. */
    String fix(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        Matcher piece = PIECES.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (piece.find()) {
            spans.add(new int[] {at, piece.start()});
            at = piece.end();
        }
        spans.add(new int[] {at, text.length()});
        int copied = 0;
        for (int[] span : spans) {
            List<int[]> found = new ArrayList<>();
            List<String> words = new ArrayList<>();
            Matcher w = WORD.matcher(text).region(span[0], span[1]);
            while (w.find()) {
                found.add(new int[] {w.start(), w.end()});
                words.add(w.group());
            }
            for (int i = 0; i < words.size(); i++) {
                String meant = meant(words, i);
                if (meant != null) {
                    out.append(text, copied, found.get(i)[0]).append(meant);
                    copied = found.get(i)[1];
                    words.set(i, meant);
                }
            }
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /** The word meant at {@code i}, or null when the word stands as written. */
    private String meant(List<String> words, int i) {
        String w = words.get(i);
        if (w.length() < MIN_LENGTH || !Character.isLetter(w.charAt(0)) || counts.getOrDefault(w, 0) >= COMMON || QueryTagger.catalogWord(w)
                || OfflineNlu.FUNCTION_WORDS.contains(w)) {
            return null;
        }
        String before = i == 0 ? START : words.get(i - 1);
        String after = i + 1 == words.size() ? END : words.get(i + 1);
        if (seen(before, w) + seen(w, after) > 0) {
            return null; // said so before: a word of the shop's language where it stands
        }
        boolean saysBefore = says(before, START);
        boolean saysAfter = says(after, END);
        if (!saysBefore && !saysAfter) {
            return null; // "a jug": nothing beside it to say what was meant
        }
        String best = null;
        int bestScore = 0;
        boolean tie = false;
        for (String candidate : candidates(w)) {
            int left = seen(before, candidate);
            int right = seen(candidate, after);
            if (saysBefore && left < EVIDENCE || saysAfter && right < EVIDENCE) {
                continue;
            }
            int score = left + right;
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
                tie = false;
            } else if (score == bestScore) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Whether a neighbour says anything about the word beside it: not a boundary, a little word or a number. */
    private static boolean says(String neighbour, String boundary) {
        return !neighbour.equals(boundary) && !LITTLE.contains(neighbour) && Character.isLetter(neighbour.charAt(0));
    }

    private int seen(String a, String b) {
        return pairs.getOrDefault(a + " " + b, 0);
    }

    /** Common words one letter from {@code w}: left out, added, changed, or two side by side swapped. */
    private Set<String> candidates(String w) {
        Set<String> out = new HashSet<>();
        for (String key : deletionsAndSelf(w)) {
            for (String c : byDeletion.getOrDefault(key, List.of())) {
                if (!c.equals(w) && Correction.distance(w, c) == 1) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static List<String> deletionsAndSelf(String w) {
        List<String> out = new ArrayList<>(w.length() + 1);
        out.add(w);
        out.addAll(Correction.deletions(w));
        return out;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : SPACE.split(text.strip())) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
