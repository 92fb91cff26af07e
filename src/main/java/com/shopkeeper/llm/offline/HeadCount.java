package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A count said by who or where it is for and how it is shared out, rather than as a number: "we're 6 in the office, one
 * each" (6), "I have 3 groups of 4 kids, one each" (12), "there's four of us and everyone needs their own" (4), "me, my 2
 * daughters and my mum, one pair each" (4), "4 bedrooms and one in each, plus one for the hallway" (5), "15 kids, one
 * ball for every three kids" (5).
 *
 * <p>Only when the message both counts heads (people, or rooms and tables) and shares out ("each", "their own", "for
 * every", "apiece"): a head count alone ("we're 6") says nothing about how many. The parts of the message that do the
 * counting are replaced by the count, so the rest is read as usual: "the tritan one, one for each of the 4 rooms" is
 * "the tritan one, 4". Written here because no library reads this arithmetic out of chat.
 */
final class HeadCount {

    /** Places one may be put in each of. */
    static final Set<String> PLACES = Set.of("rooms", "bedrooms", "bathrooms", "tables", "desks", "classrooms", "offices",
            "floors", "windows", "doors", "beds", "cars", "bikes", "stalls", "classes", "teams", "groups", "families", "houses");
    private static final Set<String> GROUP_SAYS = Set.of("we're", "were", "we are", "there's", "theres", "there are", "there is");
    // "per" and whatever it is per ("one per meeting room - we have 2 rooms"): shared out only when heads are counted too
    private static final Pattern SHARES = Pattern.compile("\\b(?:each|apiece|their own|his own|her own|per\\s[a-z]++"
            + "|everyone|everybody|every one of (?:us|them)|for every)\\b");
    private static final Pattern CLAUSES = Pattern.compile("(?<!\\s)(?:\\s*+[,;]|\\.(?=\\s|$)|\\s++(?:so|and then)\\s)\\s*+");
    private static final Pattern STORY = Pattern.compile("(?:i|we|i'm|we're|i've|we've|my|our)\\s");
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9']++");
    /** Verbs whose "me" is who they are talking to, not a head ("let me count... three granddaughters, so 3"). */
    private static final Set<String> ME_AS_OBJECT = Set.of("let", "show", "tell", "give", "send", "help", "ask", "remind", "excuse",
            "get", "call", "text", "email", "message", "bear", "forgive");
    private static final Set<String> ON_EACH = Set.of("on", "in", "for", "at", "to", "per");

    private HeadCount() {
    }

    /** The message with its counting parts replaced by the count; empty when it works out no count. */
    static Optional<String> countedOut(String written) {
        String text = written.toLowerCase(Locale.ROOT).strip();
        if (!SHARES.matcher(text).find() || Quantity.workedOut(text).isPresent()) { // "one for each of my 2 sisters" is worked out there
            return Optional.empty();
        }
        List<String> clauses = List.of(CLAUSES.split(text));
        List<String> kept = new ArrayList<>();
        List<String> counting = new ArrayList<>();
        for (String clause : clauses) {
            List<String> w = words(clause);
            boolean counts = SHARES.matcher(clause).find() || heads(w) > 0 || plus(w) > 0;
            if (counts) {
                counting.add(clause);
            } else if (!STORY.matcher(clause).lookingAt()) {
                kept.add(clause); // "i run a youth team": about the shopper, no part of the request
            }
        }
        OptionalInt n = count(words(String.join(" , ", counting)));
        if (n.isEmpty()) {
            return Optional.empty();
        }
        kept.add(String.valueOf(n.getAsInt()));
        return Optional.of(String.join(", ", kept));
    }

    /** The heads a message lists when it answers "how many?" by who they are for: "it's me, my wife and our twins" (4). */
    static OptionalInt listed(String said) {
        int heads = heads(words(said.toLowerCase(Locale.ROOT)));
        return heads >= 2 ? OptionalInt.of(heads) : OptionalInt.empty();
    }

    /** The count the words work out, when they count heads and share out. */
    static OptionalInt count(List<String> w) {
        int every = w.indexOf("every");
        boolean perGroup = every > 0 && w.get(every - 1).equals("for") && every + 1 < w.size()
                && Quantity.value(w.get(every + 1)).isPresent();
        List<String> counted = perGroup ? w.subList(0, every - 1) : w;
        int heads = heads(counted);
        if (heads < 2) {
            return OptionalInt.empty();
        }
        int each = eachCount(counted);
        int total;
        if (perGroup) {
            int per = Quantity.value(w.get(every + 1)).getAsInt();
            total = each * ((heads + per - 1) / per); // "one ball for every three kids", rounded up: no one is left without
        } else {
            total = each * heads;
        }
        return OptionalInt.of(total + plus(w));
    }

    /** How many heads the words count: a group said whole ("we're 6", "four of us") or everyone listed. */
    static int heads(List<String> w) {
        int listed = 0;
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            OptionalInt n = Quantity.value(word);
            if (n.isPresent() && i + 3 < w.size() && w.get(i + 1).equals("groups") && w.get(i + 2).equals("of")) {
                OptionalInt m = Quantity.value(w.get(i + 3));
                if (m.isPresent()) {
                    return n.getAsInt() * m.getAsInt(); // "3 groups of 4 kids"
                }
            }
            if (n.isPresent() && i + 2 < w.size() && w.get(i + 1).equals("of") && w.get(i + 2).equals("us")) {
                return n.getAsInt(); // "there's four of us"
            }
            if (n.isPresent() && i > 0 && (GROUP_SAYS.contains(w.get(i - 1))
                    || i > 1 && GROUP_SAYS.contains(w.get(i - 2) + " " + w.get(i - 1)))) {
                return n.getAsInt(); // "we're 6 in the office"
            }
            if (n.isPresent() && i + 1 < w.size() && (counts(w.get(i + 1)) || i + 2 < w.size() && counts(w.get(i + 2))
                    && !counts(w.get(i + 1)) && Quantity.value(w.get(i + 1)).isEmpty())) {
                listed += n.getAsInt(); // "15 kids", "4 bedrooms", "my 2 little sisters"
                i += counts(w.get(i + 1)) ? 1 : 2;
                continue;
            }
            if ((word.equals("me") || word.equals("myself")) && (i == 0 || !ME_AS_OBJECT.contains(w.get(i - 1)))) {
                listed++; // not "let me count", "show me": "me" there is no one the count is for
            } else if (i > 0 && Set.of("my", "our", "his", "her").contains(w.get(i - 1))) {
                if (word.equals("twins")) {
                    listed += 2;
                } else if (Quantity.PERSON.contains(word)) {
                    listed++;
                }
            }
        }
        return listed;
    }

    private static boolean counts(String word) {
        return Quantity.PEOPLE.contains(word) || PLACES.contains(word);
    }

    /** How many each gets: "2 each", "one pair each" (a pair of slippers is one), else one. */
    private static int eachCount(List<String> w) {
        for (int i = 0; i < w.size(); i++) {
            if (!w.get(i).equals("each") && !w.get(i).equals("apiece")) {
                continue;
            }
            int j = i - 1;
            if (j >= 0 && (w.get(j).equals("pair") || w.get(j).equals("set"))) {
                return 1;
            }
            if (j >= 0 && Quantity.value(w.get(j)).isPresent() && !w.get(j).equals("a")) {
                return Quantity.value(w.get(j)).getAsInt();
            }
            // "three on each of the 12 tables", "two for each of the 4 rooms": so many on each
            if (j >= 1 && ON_EACH.contains(w.get(j)) && Quantity.value(w.get(j - 1)).isPresent() && !w.get(j - 1).equals("a")) {
                return Quantity.value(w.get(j - 1)).getAsInt();
            }
        }
        return 1;
    }

    /** What is added on top: "plus one for the hallway", "plus 2 spares". */
    private static int plus(List<String> w) {
        int more = 0;
        for (int i = 0; i + 1 < w.size(); i++) {
            if (w.get(i).equals("plus") && Quantity.value(w.get(i + 1)).isPresent()) {
                more += Quantity.value(w.get(i + 1)).getAsInt();
            }
        }
        return more;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String word : WORDS.split(text)) {
            if (!word.isEmpty()) {
                out.add(word);
            }
        }
        return out;
    }
}
