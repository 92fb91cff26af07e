package com.shopkeeper.llm.offline;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as the shopper meant it, once they corrected themselves in it (issue 14: never act on what was
 * taken back). Typed chat repairs itself the way speech does: what was said, a word that takes it back, what
 * is meant instead ("add the pink one no wait the blue one", "add the lamp... actually no, just show me my
 * cart", "and a pet bowl... no forget the bowl"). That is the reparandum, the editing term and the repair of
 * the disfluency literature (Shriberg 1994), and it is read the same way here:
 *
 * <ul>
 *   <li>a repair that is a request of its own replaces the clause taken back ("... actually no, just show me my
 *       cart": the cart, no add);</li>
 *   <li>a repair that names a product ("no the jasper ones") replaces the product the clause named, from its
 *       "the" on, and keeps the clause's verb ("add the jasper ones");</li>
 *   <li>a cancel ("forget it", "scratch that", "never mind") takes the clause back, and what follows stands only
 *       when it asks something itself.</li>
 * </ul>
 *
 * A repair that is a count ("add 3 no 1") is {@link Quantity}'s to read; one that adds ("wait, also the mat")
 * takes nothing back. The clause taken back is the one sentence before the editing term; earlier sentences
 * stand. A word like "actually" or "no" is an editing term only after a pause (a comma, a full stop, an
 * ellipsis) or before what repairs ("no the jasper ones"): "do you actually have it" takes nothing back.
 *
 * <p>Written here rather than learned: it is a rewriting of the text before anything reads it, and the intent
 * model and the taggers then read what is left as they read any message.
 */
final class SecondThoughts {

    private SecondThoughts() {
    }

    private static final String NUMBER = "(?:\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\\b";
    /** A determiner, never "that's" ("wait, that's for her" names nothing). */
    private static final String DETERMINER = "(?:the|that|this|those|these)\\b(?!')";
    /** A pause a weak editing term needs before it: a comma, a full stop, an ellipsis, a dash, or the start. */
    private static final String PAUSE = "(?:^|(?<=[,.;!?\u2026]|\\s-|\\s\u2013|\\s\u2014))\\s*+";

    /** A cancel: the clause before it is taken back, and what follows stands only when it asks something itself. */
    private static final String CANCEL = "(?:forget (?:it|that|this|about (?:it|that)|all (?:of )?+(?:it|that)|everything"
            + "|the\\s[a-z'-]++(?:\\s(?!and\\b|then\\b|just\\b)[a-z'-]++)?+)|scratch that|never ?mind(?:\\s(?:all\\s(?:of\\s)?+)?+(?:it|that|this|everything))?+|cancel that|don't bother"
            // "add it. no wait, don't", "put 2 in... dont add them": the request refused at the end of the message
            + "|(?:don'?t|do not)(?:\\s(?:add|do|put|order|buy|get)(?:\\s(?:it|that|them|this|those))?+)?+(?=[\\s.!\u2026]*+$))\\b";

    /** Editing terms: a cancel, or a word that takes back the clause before it for what follows. */
    private static final Pattern EDIT = Pattern.compile(
            // ("scratch that comma empty the cart": the pause dictated as its name)
            "\\b(?<cancel>" + CANCEL + ")[,.!:\u2026\\s-]*+(?:(?:comma|period|full\\sstop)\\b[,.!:\u2026\\s-]*+)?+"
                    + "|\\b(?:no+,?\\s++wait|wait,?\\s++no+|actually,?\\s++no+|no+,?\\s++actually|oh,?\\s++wait|on second thoughts?"
                    + "|second thoughts|i meant|sorry,?\\s++i mean|or rather|change of plans?|no no)\\b[,.!:\u2026\\s-]*+"
                    // weak ones: after a pause only
                    // ("Also the Wonderbox Aria. No — correction: the Bramble magnetic train set")
                    + "|" + PAUSE + "(?:(?:hmm+|um+|uh+|oh|ah|well)[,.\u2026]?+\\s++)?+\\b(?:actually|no+|nah|wait|sorry|i mean|on second thoughts?"
                    + "|correction)\\b[,.!:\u2026\u2013\u2014\\s-]*+(?:\\b(?:actually|no+|nah|wait|sorry|correction)\\b[,.!:\u2026\u2013\u2014\\s-]*+)*+"
                    // "add the marlow ones no the jasper ones", "the pink one sorry the blue one": before what repairs
                    + "|\\b(?:no+|sorry|i mean)\\b,?\\s++(?=" + DETERMINER + ")"
                    // "add 3 no 1": between two counts
                    + "|(?<=\\d\\s)(?:no+|sorry|wait)\\b,?\\s++(?=" + NUMBER + ")",
            Pattern.CASE_INSENSITIVE);

    /** A repair that is a request of its own: it starts with what to do or asks. */
    private static final Pattern REQUEST = Pattern.compile(
            "^(?:(?:just|ok|okay|please|pls|then|so|instead|rather|let's|lets|can you|could you|can i|could i|i'll|i will|i'd like to"
                    + "|i want to|i wanna|i just want to|i'd rather|first)[,\\s]++)*+"
                    + "(?:add|put|take|remove|delete|drop|show|see|view|check\\s?out|pay|send|clear|empty|cancel|give|make|change|buy"
                    + "|order|get|search|find|look|do you|have you|got any|what|what's|whats|how|where|when|is|are|can|could|tell|i'll take"
                    + "|i'll have|i'll go|i want|i need)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A product named and nothing else: "the blue one then", "that one" (not "the dog has 3 already"). */
    private static final Pattern NAMES_ONLY = Pattern.compile("^" + DETERMINER + "(?:\\s(?!(?:is|are|was|were|has|have|had)\\b)[a-z0-9'-]++){0,3}+"
            + "(?:\\s(?:then|instead|please|pls|thanks))?+[.!]*+$", Pattern.CASE_INSENSITIVE);
    /** A repair that names a product: "the jasper ones", "that one", "the blue one, she hates pink". */
    private static final Pattern NAMES = Pattern.compile("^" + DETERMINER, Pattern.CASE_INSENSITIVE);
    /** A repair that is a count, Quantity's to read ("add 3 no 1"). */
    private static final Pattern COUNT = Pattern.compile("^(?:just\\s|only\\s)?+" + NUMBER, Pattern.CASE_INSENSITIVE);
    /** A repair that is a count and nothing else: "2", "1 is enough", "just 2 please", "make that 3", "leave it at 1". */
    private static final Pattern RECOUNT = Pattern.compile("^(?:just\\s|only\\s|make (?:it|that|them)\\s|(?:leave|keep) (?:it|that|them) (?:at|as)\\s"
            + "|i mean\\s|rather\\s)?+(" + NUMBER + "|(?<=\\b(?:just|only|it|that|them)\\s)one\\b)" // "no just one"
            + "(?:\\s(?:is enough|is fine|will do|please|pls|only|of them|pcs|units|then|instead))*+"
            + "(?<rest>\\s*+[,;]\\s*+(?:and|also|then|plus)\\b.*+)?+[.!]*+$", Pattern.CASE_INSENSITIVE);
    /** A price said again ("lamps under 50... actually make it under 80", "kitchen stuff under 30, sorry under 40"). */
    private static final String PRICE = "(?:under|below|less than|over|above|up to|max|between|within)\\s";
    private static final Pattern REPRICE = Pattern.compile("^(?:make (?:it|that)\\s)?+(" + PRICE + "[^,;.!?]*+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRICE_IN = Pattern.compile("\\b" + PRICE + "\\$?+\\d[\\d.,]*+(?:\\s(?:dollars|bucks|usd))?+", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST = Pattern.compile("^first,?+\\s++", Pattern.CASE_INSENSITIVE);
    /** What a search or an add says before the product's words: kept when the repair is only the words. */
    private static final Pattern VERB_HEAD = Pattern.compile("^(?:(?:please|pls|ok|okay|so|can you|could you)\\s)*+(?:show me|show|find me|find"
            + "|search for|search|do you have|have you got|got any|i want|i need|i'm looking for|looking for|add|get me)\\s"
            + "(?:(?:some|any|the|a|an)\\s)?+", Pattern.CASE_INSENSITIVE);
    /** A repair that is a remark, not product words: "it's too big", "that's it", "not that". */
    private static final Pattern NOT_WORDS = Pattern.compile("^(?:it|it's|its|that|that's|this|they|they're|i|i'm|we|he|she|too|not|never|nothing"
            + "|forget|ok|okay|thanks|please|pls|worries|problem|problems|rush|hurry|idea|way|need|matter|biggie|stress)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_WORD = Pattern.compile("^[a-z']++", Pattern.CASE_INSENSITIVE);
    /** A count said in the clause a recount repairs (not "2nd"). */
    private static final Pattern NUMBER_IN = Pattern.compile("\\b(?:" + NUMBER + "|one\\b(?=\\s(?:of|more|pc|piece)\\b)|(?<=\\b(?:just|only)\\s)one\\b)",
            Pattern.CASE_INSENSITIVE);
    /** A repair that adds rather than replaces: "wait, also the mat", "oh and the rug too". */
    private static final Pattern ADDS = Pattern.compile("^(?:and|also|plus)\\b|\\b(?:too|also|as well)\\b", Pattern.CASE_INSENSITIVE);
    /** Where a sentence ends, before the clause an editing term takes back. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<![.!?\u2026;])[.!?\u2026;]++\\s++|\\n");
    /** A product the taken-back clause named, from its determiner on (the last one is replaced). */
    private static final Pattern NAMED = Pattern.compile("\\b" + DETERMINER, Pattern.CASE_INSENSITIVE);
    /** Fillers and editing words a pause may end on ("..., hmm, on second thought", "... no forget it"): part of the pause. */
    private static final Pattern FILLER_AT_END = Pattern.compile("(?<=^|[\\s,.;!?\u2026])(?:hmm+|oh|well|um+|uh+|ok|okay|so|ah|no+|nah|wait|actually|sorry)$",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_REPAIRS = 4;

    /**
     * A last sentence that settles on another product ("add it. hmm, or the black one? yes the black one instead"):
     * what it names, and before it the request it changes and any wavering between.
     */
    private static final Pattern INSTEAD = Pattern.compile("(?<=[.?!\u2026])\\s++(?:(?:yes|yeah|yep|ok|okay|hmm+|or|actually|no|so)\\b[,\\s]*+)*+"
            + "(?<ref>" + DETERMINER + "[^.?!\u2026]*?)\\s++instead[.!]*+$", Pattern.CASE_INSENSITIVE);
    /** What the request settled on replaces: the product it named from its determiner on, or the pronoun it pointed with. */
    private static final Pattern POINTED = Pattern.compile("\\b(?:it|that one|this one|that|this)\\s*+[.!]*+$", Pattern.CASE_INSENSITIVE);

    /** The first sentence of {@code text} with the product it names replaced by the one a later "... instead" settles on; null if none. */
    private static String settled(String text) {
        Matcher instead = INSTEAD.matcher(text);
        if (!instead.find()) {
            return null;
        }
        String before = text.substring(0, instead.start());
        Matcher end = SENTENCE_END.matcher(before);
        String first = (end.find() ? before.substring(0, end.start()) : before).strip();
        if (!REQUEST.matcher(first).find()) {
            return null;
        }
        Matcher pointed = POINTED.matcher(first);
        if (pointed.find()) {
            return first.substring(0, pointed.start()) + instead.group("ref");
        }
        MatchResult named = last(NAMED, first);
        return named == null ? null : first.substring(0, named.start()) + instead.group("ref");
    }

    /** {@code raw} as meant: each repair applied, left to right; {@code raw} itself when it repairs nothing. */
    static String meant(String raw) {
        if (raw == null || raw.isBlank()) {
            return raw;
        }
        String text = raw.strip();
        String settled = settled(text);
        if (settled != null) {
            text = settled;
        }
        int from = 0;
        for (int n = 0; n < MAX_REPAIRS && from < text.length(); ) {
            Matcher edit = EDIT.matcher(text);
            if (!edit.find(from)) {
                break;
            }
            String repaired = repaired(text, edit);
            if (repaired == null) {
                from = Math.max(edit.end(), edit.start() + 1);
                continue;
            }
            text = repaired;
            n++;
            from = 0;
        }
        return text;
    }

    /**
     * What follows a cancel from its first sentence that asks something ("forget all of it, trip is cancelled. clear my
     * cart": "clear my cart"), or nothing when none does.
     */
    private static String fromARequest(String tail) {
        Matcher end = SENTENCE_END.matcher(tail);
        while (end.find()) {
            String rest = tail.substring(end.end()).strip();
            if (REQUEST.matcher(rest).find()) {
                return rest;
            }
        }
        return "";
    }

    /** The text with the editing term {@code edit} applied, or null when it repairs nothing. */
    private static String repaired(String text, Matcher edit) {
        String head = text.substring(0, edit.start()).stripTrailing();
        String tail = text.substring(edit.end()).strip();
        // The clause taken back: the last sentence of what comes before (a full stop right before the term is its pause).
        String said = trimPause(head);
        int clauseStart = 0;
        Matcher m = SENTENCE_END.matcher(said);
        while (m.find()) {
            clauseStart = m.end();
        }
        String earlier = said.substring(0, clauseStart);
        String clause = said.substring(clauseStart).strip();
        if (clause.isEmpty()) {
            return null; // "actually, add two", "never mind, do you have lamps": nothing before it to take back
        }
        if (edit.group("cancel") != null) {
            return join(earlier, REQUEST.matcher(tail).find() || NAMES_ONLY.matcher(tail).find() ? tail : fromARequest(tail));
        }
        Matcher recount = RECOUNT.matcher(tail);
        if (recount.matches()) {
            // "add 3. wait, 2", "make it 2. wait no, 1 is enough", "add 3 of the end-grain one. sorry, 2": the count is
            // replaced where the clause said it, and the clause stands.
            MatchResult count = last(NUMBER_IN, clause);
            if (count != null) {
                String rest = recount.group("rest") == null ? "" : recount.group("rest");
                return join(earlier, clause.substring(0, count.start()) + recount.group(1) + clause.substring(count.end()) + rest);
            }
        }
        Matcher reprice = REPRICE.matcher(tail);
        Matcher price = PRICE_IN.matcher(clause);
        if (reprice.find() && price.find()) {
            // the price said again replaces the one the clause said, and what follows it stands
            return join(earlier, clause.substring(0, price.start()) + reprice.group(1).strip() + clause.substring(price.end())
                    + tail.substring(reprice.end()));
        }
        Matcher clauseWord = FIRST_WORD.matcher(clause);
        Matcher tailWord = FIRST_WORD.matcher(tail);
        if (clauseWord.find() && tailWord.find() && clauseWord.group().equalsIgnoreCase(tailWord.group())) {
            return join(earlier, tail); // "in red, wait no, in black", "any cheaper? no wait, any in green?": said again, as meant
        }
        if (tail.isEmpty() || ADDS.matcher(tail).find() || COUNT.matcher(tail).find()) {
            return null; // a count is Quantity's; an "also" adds; "the first one sorry" is an apology
        }
        if (REQUEST.matcher(tail).find()) {
            return join(earlier, FIRST.matcher(tail).replaceFirst("")); // "first tell me ...": first, not the first one
        }
        String meant = tail;
        int comma = tail.lastIndexOf(',');
        if (!NAMES.matcher(tail).find() && comma > 0 && NAMES_ONLY.matcher(tail.substring(comma + 1).strip()).find()) {
            // "the white one. wait theres two white ones, the halter one": a remark on why, then the product meant, last
            meant = tail.substring(comma + 1).strip();
        }
        if (NAMES.matcher(meant).find()) {
            MatchResult named = last(NAMED, clause);
            if (named != null) {
                return join(earlier, clause.substring(0, named.start()) + meant);
            }
        }
        Matcher verb = VERB_HEAD.matcher(clause);
        if (verb.lookingAt() && !NAMES.matcher(tail).find() && !NOT_WORDS.matcher(tail).lookingAt() && namesWhatShopsSell(tail)) {
            return join(earlier, clause.substring(0, verb.end()) + tail); // "show me desks, no, bookshelves under 100"
        }
        return null;
    }

    /** Whether a word of {@code words} is one the catalog's names use ("bookshelves under 100"; not "rush" in "no rush"). */
    private static boolean namesWhatShopsSell(String words) {
        for (String w : WORDS.split(words.toLowerCase(java.util.Locale.ROOT))) {
            // a word of the catalog's names, or a plural noun ("bookshelves" where the catalog says "bookcase")
            if (w.length() > 2 && QueryTagger.catalogWord(w) || w.length() >= 5 && w.endsWith("s") && !w.endsWith("ss")) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern WORDS = Pattern.compile("[^a-z0-9'-]++");

    /** The last match of {@code p} in {@code text}, or null. */
    private static MatchResult last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        MatchResult last = null;
        while (m.find()) {
            last = m.toMatchResult();
        }
        return last;
    }

    private static String trimPause(String head) {
        String h = head;
        while (true) {
            int end = h.length();
            while (end > 0 && ",.;:!-\u2026\u2013\u2014 ".indexOf(h.charAt(end - 1)) >= 0) {
                end--;
            }
            h = h.substring(0, end);
            Matcher filler = FILLER_AT_END.matcher(h);
            if (!filler.find()) {
                return h;
            }
            h = h.substring(0, filler.start());
        }
    }

    private static String join(String earlier, String rest) {
        String e = earlier.strip();
        if (e.isEmpty()) {
            return rest;
        }
        return rest.isEmpty() ? e : e + " " + rest;
    }
}
