package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.SearchWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shopper correcting their own last message, the way people do in chat: "*green", "bowls* lol autocorrect", "i meant
 * the 3rd*", "sorry, 2 not 3", "ivy* not remy, the brass one". {@link #meant} is what they meant, {@link #replaced} the
 * word it replaces when they said it ("not remy"). {@link #applyTo} writes the last message again as meant; the
 * provider then reads that message instead, and takes back what the first reading did.
 */
record Correction(String meant, String replaced) {

    /** "*green sorry", "* the blue one": a star before what was meant. */
    private static final Pattern STAR_FIRST = Pattern.compile("^\\*\\s*+([^*]{1,60}+)$");
    /** "bowls*", "i meant the 3rd*", "ivy* not remy": a star after it. */
    private static final Pattern STAR_AFTER = Pattern.compile("^([^*]{1,60}+)\\*(?!\\*)([^*]{0,60}+)$");
    /** "i meant the voltix", "sorry meant 3", "no, i meant the second one": what was meant, without a star. */
    private static final Pattern MEANT = Pattern.compile("^(?:(?:sorry|sry|soz|oops|oh|no|nope|ugh|argh|wait)[,.!]*+\\s++)*+(?:i\\s++)?"
            + "meant(?:\\s++to\\s++(?:say|write|type))?+\\s++([^*]{1,60}+)$");
    /** "sorry, 2 not 3", "lamp not lamb": what was meant and what it replaces, as the whole message. */
    private static final Pattern NOT_THAT = Pattern.compile("^(?:(?:sorry|sry|soz|oops|oh|ugh|wait)[,.!]*+\\s++)*+"
            + "([a-z0-9'-]++(?:\\s(?!not\\b)[a-z0-9'-]++)?+)\\s++not\\s++(?:the\\s++)?([a-z0-9'-]++)(?:\\s++(?:sorry|lol|oops|pls|please))?+$");
    /** What a correction may say around the words meant: an apology, a laugh, "autocorrect". */
    private static final Pattern AROUND = Pattern.compile("(?:^|\\s)(?:sorry|sry|soz|oops|lol|lmao|haha|my bad|typo|autocorrect"
            + "|auto correct|autocorrected|damn autocorrect|pls|please|i mean|i meant|meant|ugh)(?=\\s|$)");
    private static final Pattern NOT_PART = Pattern.compile("\\bnot\\s++(?:the\\s++)?([a-z0-9'-]++)");
    private static final Pattern CUT_AT = Pattern.compile("[,.;!?]|\\s(?:not|the\\s\\w+\\sone)\\b");
    private static final Pattern NOT_WORDS = Pattern.compile("[^a-z0-9'\\- ]");
    private static final Pattern SPACES = Pattern.compile("\\s++");
    private static final Pattern ORDINAL = Pattern.compile("\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|last");
    private static final Pattern ORDINAL_IN = Pattern.compile("\\b(?:" + ORDINAL.pattern() + ")\\b");
    private static final Pattern COUNT_IN = Pattern.compile("\\b(?:\\d{1,3}(?!\\d|st\\b|nd\\b|rd\\b|th\\b)|one|two|three|four|five|six"
            + "|seven|eight|nine|ten|a couple|a pair|a dozen)\\b(?!-)");
    /** "the white one", "the remy ones": the words a previous message picked a product by. */
    private static final Pattern THE_X_ONE = Pattern.compile("\\bthe\\s++((?:(?!one\\b|ones\\b)[a-z0-9'-]++\\s++){1,3}?)ones?+\\b");
    private static final Pattern THE_BEFORE = Pattern.compile("^the\\s");
    private static final Pattern ONE_AFTER = Pattern.compile("\\sones?+$");
    private static final Pattern COUNT_FIRST = Pattern.compile("(?:(?:just|only)\\s++)?+(\\d{1,3}+|one|two|three|four|five|six|seven"
            + "|eight|nine|ten)\\b(?!\\s?+(?:st|nd|rd|th)\\b)");
    private static final int MAX_WORDS = 8;
    /** Words that say no product, count or colour: "no not that one", "that's not it" correct nothing said. */
    private static final java.util.Set<String> NOT_MEANT = java.util.Set.of("one", "no", "nope", "nah", "that", "that's", "thats",
            "this", "it", "it's", "its", "is", "i", "do", "does", "did", "was", "just", "so", "ok", "okay", "yes", "what", "why");

    /** The correction a message makes, if it is one (a short message, starred or saying what was meant). */
    static Optional<Correction> in(String said) {
        if (said == null) {
            return Optional.empty();
        }
        String t = said.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || SPACES.split(t).length > MAX_WORDS) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = STAR_FIRST.matcher(t)).matches()) {
            return of(m.group(1), null);
        }
        if ((m = STAR_AFTER.matcher(t)).matches()) {
            Matcher not = NOT_PART.matcher(m.group(2));
            return of(m.group(1), not.find() ? not.group(1) : null);
        }
        if ((m = MEANT.matcher(t)).matches()) {
            Matcher not = NOT_PART.matcher(m.group(1));
            return of(m.group(1), not.find() ? not.group(1) : null);
        }
        if ((m = NOT_THAT.matcher(SPACES.matcher(NOT_WORDS.matcher(t).replaceAll(" ")).replaceAll(" ").strip())).matches()) {
            return of(m.group(1), m.group(2));
        }
        return Optional.empty();
    }

    private static Optional<Correction> of(String raw, String replaced) {
        Matcher cut = CUT_AT.matcher(raw);
        String meant = cut.find() && cut.start() > 0 ? raw.substring(0, cut.start()) : raw;
        meant = SPACES.matcher(AROUND.matcher(NOT_WORDS.matcher(meant).replaceAll(" ")).replaceAll(" ")).replaceAll(" ").strip();
        meant = ONE_AFTER.matcher(THE_BEFORE.matcher(meant).replaceFirst("")).replaceFirst("").strip();
        Matcher count = COUNT_FIRST.matcher(meant);
        if (count.lookingAt() && Quantity.value(count.group(1)).isPresent()) {
            meant = count.group(1); // "i meant just one block", "2 mugs not 3": the count is what was corrected
        }
        if (meant.isEmpty() || NOT_MEANT.contains(meant) || SPACES.split(meant).length > 3) {
            return Optional.empty();
        }
        return Optional.of(new Correction(meant, replaced));
    }

    /** True when what was meant is a count ("3*", "sorry, 2 not 3"). */
    boolean isCount() {
        return Quantity.value(meant).isPresent() && !ORDINAL.matcher(meant).matches();
    }

    /** The previous message written as meant, or empty when nothing in it is what the correction replaces. */
    Optional<String> applyTo(String previous) {
        String prev = SPACES.matcher(previous.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        List<String> words = List.of(SPACES.split(prev));
        if (replaced != null) {
            for (int i = 0; i < words.size(); i++) {
                if (NOT_WORDS.matcher(words.get(i)).replaceAll("").equals(replaced)) {
                    return Optional.of(with(words, i, meant));
                }
            }
        }
        if (isCount()) {
            return replaceLast(prev, COUNT_IN).or(() -> Optional.of(prev + " x" + meant));
        }
        if (ORDINAL.matcher(meant).matches()) {
            return replaceLast(prev, ORDINAL_IN);
        }
        if (!meant.contains(" ")) {
            // "bowls*" after "dog bowels": the word a letter or two away
            for (int i = 0; i < words.size(); i++) {
                String bare = NOT_WORDS.matcher(words.get(i)).replaceAll("");
                if (!bare.equals(meant) && bare.length() >= 3 && close(bare, meant)) {
                    return Optional.of(with(words, i, meant));
                }
            }
        }
        if (SearchWords.COLOURS.contains(lastWord(meant))) {
            // "*green" after "add the white one": the colour said before
            for (int i = words.size() - 1; i >= 0; i--) {
                String bare = NOT_WORDS.matcher(words.get(i)).replaceAll("");
                if (SearchWords.COLOURS.contains(SearchWords.colourOf(bare))) {
                    return Optional.of(with(words, i, meant));
                }
            }
        }
        Matcher pick = THE_X_ONE.matcher(prev);
        if (pick.find()) {
            // "ivy" after "add the remy one": the words the product was picked by
            return Optional.of(prev.substring(0, pick.start(1)) + meant + " " + prev.substring(pick.end(1)));
        }
        return Optional.empty();
    }

    private Optional<String> replaceLast(String prev, Pattern what) {
        Matcher m = what.matcher(prev);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        return start < 0 ? Optional.empty() : Optional.of(prev.substring(0, start) + meant + prev.substring(end));
    }

    private static String with(List<String> words, int at, String meant) {
        List<String> fixed = new ArrayList<>(words);
        fixed.set(at, meant);
        return String.join(" ", fixed);
    }

    private static String lastWord(String phrase) {
        String[] words = SPACES.split(phrase);
        return words[words.length - 1];
    }

    /** One edit apart (two for longer words): a letter changed, added, dropped or two swapped. */
    static boolean close(String a, String b) {
        int allowed = Math.min(a.length(), b.length()) >= 7 ? 2 : 1;
        return Math.abs(a.length() - b.length()) <= allowed && distance(a, b) <= allowed;
    }

    /** {@code w} with each of its letters left out in turn: the other half of a one-edit match by deletion. */
    static List<String> deletions(String w) {
        List<String> out = new ArrayList<>(w.length());
        for (int i = 0; i < w.length(); i++) {
            out.add(w.substring(0, i) + w.substring(i + 1));
        }
        return out;
    }

    /** Damerau-Levenshtein: letters changed, added, dropped, or two side by side swapped. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
