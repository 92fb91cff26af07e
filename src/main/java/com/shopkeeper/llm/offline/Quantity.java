package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.SearchWords;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many of something the shopper asked for: "2", "two", "2x", "x2", "a couple", "a dozen",
 * "3 of them", "add 4", "one more". A number is only a quantity where the wording makes it one:
 * "the second one" and "add this one" carry none, "number 3" is a product reference.
 */
final class Quantity {

    static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("a single", 1), Map.entry("single", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("a couple", 2), Map.entry("a couple of", 2), Map.entry("couple", 2), Map.entry("couple of", 2),
            Map.entry("a pair", 2), Map.entry("a pair of", 2), Map.entry("pair", 2), Map.entry("both", 2),
            Map.entry("a dozen", 12), Map.entry("dozen", 12), Map.entry("half a dozen", 6),
            // counts in the other language of shoppers who mix two ("make it tres", "solo uno", "nur zwei")
            Map.entry("uno", 1), Map.entry("una", 1), Map.entry("dos", 2), Map.entry("tres", 3), Map.entry("cuatro", 4),
            Map.entry("cinco", 5), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("eins", 1), Map.entry("zwei", 2),
            Map.entry("drei", 3), Map.entry("vier", 4));

    /**
     * The units a count is said in ("2 sets", "3 strands", "4 packs"): words of how many, never the product. One list for every
     * rule that reads a count with its unit.
     */
    static final String UNITS = "pcs|pieces|units|items|packs|pairs|boxes|sets|strands|rolls|bundles|nos|numbers";

    private static final String NUM = "(half a dozen|a couple of|a couple|couple of|couple|a pair of|a pair|pair|a dozen|dozen"
            + "|a single|single|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\\d{1,3})";
    private static final String NOT_ORDINAL = "(?!\\s*(?:st|nd|rd|th)\\b)(?![\\d.])";

    // "2x", "x2", "2 x sku", "2 pcs"
    private static final Pattern TIMES = Pattern.compile("\\b(\\d{1,3})\\s*(?:x|" + UNITS + ")\\b|\\bx\\s*(\\d{1,3})\\b"
            // "four pieces please", "two units": a count in words with what it counts
            + "|\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|a couple of|a pair of)\\s+(?:" + UNITS + ")\\b"
            // "please put it two times in the basket": a learner's count of the one pointed at
            + "|\\b(?:it|them|this|that|one)\\s+" + NUM + "\\s+times\\b");
    private static final Pattern LABELLED = Pattern.compile("\\b(?:quantity|qty)\\s*+(?:of\\s++|is\\s++|[:=-]\\s*+)?+(\\d{1,3})\\b");
    // "3 of them", "2 more", "a dozen of those"
    private static final Pattern OF = Pattern.compile("\\b" + NUM + NOT_ORDINAL + "\\s+(?:of|more)\\b");
    // "add 2", "take three", "give me a dozen", "remove 1 mug"
    private static final Pattern AFTER_VERB = Pattern.compile("\\b(?:add|remove|delete|take off|take out|take|buy|give me|get me"
            + "|put|order|get|gimme|cop|keep|i'll have|i want|want|i'll take|drop|make it|change it to|can i get|can i have|could i get|could i have|let me get|let me have|lemme get"
            + "|pop|grab|chuck|stick|bung|throw|send|bring|require|need|i need|pack(?:\\s(?:for\\s)?+(?:me|us))?+|wrap(?:\\s(?:up\\s)?+(?:for\\s)?+(?:me|us))?+|reduce to|reduce it to|increase to|up to|would like|'d like|may i have"
            // "I'll go for two", "put me down for three", "count me in for 2": the count chosen
            + "|go for|going for|down for|me in for|settle for|go with|going with"
            + "|may i get|may i put|may i order)\\s+(?:another\\s+)?" + NUM + NOT_ORDINAL
            + "(?!\\s+(?:one|ones)\\b(?!\\s+(?:for|per|each)\\b))(?!\\s*(?:dollars|bucks|usd|\\$))");
    // "... just two", "only 3 please", "just the one": a count said as a limit, not after a verb.
    private static final Pattern JUST = Pattern.compile("\\b(?:just|only)\\s+(?:the\\s+(?=one\\s*+(?:$|please|pls|thanks|then)))?" + NUM + NOT_ORDINAL
            + "(?!\\s+(?:of|ones?|more|less|fewer)\\b)(?!\\s*(?:dollars|bucks|usd|\\$))");
    // The whole message is a quantity, maybe with a yes or a please: "2", "two please", "yes 1", "a couple"
    // "great, 3 please", "looks good, 2": an approval first says no count of its own
    private static final String APPROVAL = "(?:great|perfect|nice|cool|good|lovely|awesome|fine|alright|brilliant|excellent"
            + "|looks (?:good|great|nice|perfect|fine)|sounds (?:good|great))";
    private static final Pattern ALONE = Pattern.compile("^(?:(?:yes|yeah|yep|ya|ok|okay|can|sure|just|only|maybe|still|" + APPROVAL + ")[,.! ]+)*+"
            + "(?:add\\s+|make it\\s+|i'll take\\s+)?" + NUM + "(?:\\s*(?:x|pcs|pieces|units?|items?|sets?|packs?|pairs?|boxes|please|thanks|of them|of those"
            + "|of these|of it|then|for me|more))*$");

    // "a dozen please, they're for the wedding tables": the count first, asked for, and then why
    private static final Pattern FIRST = Pattern.compile("^(?:(?:ok|okay|yes|yeah|sure|so|then|" + APPROVAL + ")[,.!]?+\\s)*+" + NUM + NOT_ORDINAL
            + "\\s(?:please|pls|thanks)\\b");
    // "I take the Ironpeak at 34.99, two please": a count asked for at the end, after what it counts (not "number 2 please")
    // ("the green one please" is a pick, its "one" no count)
    private static final Pattern LAST_PLEASE = Pattern.compile("(?<!\\b(?:number|no|item|option|the|size|#)\\s)\\b"
            // "the 4-person dome tent, one please": "one" said on its own after the name is the count
            + "(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half a dozen|a dozen|a couple|a pair|(?<=,\\s)one|\\d{1,3})" + NOT_ORDINAL
            + "\\s(?:please|pls|plz)$");
    // "take their two off", "take 1 string lights off", "knock one off": how many come out
    private static final Pattern TAKE_OFF = Pattern.compile("\\b(?:take|knock)\\s(?:(?:their|the|those|these|his|her|my)\\s)?+" + NUM + NOT_ORDINAL
            + "\\s(?:[a-z'-]++\\s){0,2}?(?:off|out)\\b");
    // Speech to text writes "two of those" as "to of those" and "four of" as "for of".
    // "add for pairs of the first one": "four pairs", as dictated.
    private static final Pattern HEARD_AS = Pattern.compile("\\b(?:add|take|get|want|need|buy|order)\\s+(to|too|for)\\s+(?:of|" + UNITS + ")\\b");
    private static final Map<String, Integer> HOMOPHONES = Map.of("to", 2, "too", 2, "for", 4);
    // "make it for instead", "change it to for": a new count heard as a word that sounds like it.
    private static final Pattern SET_TO_HEARD_AS = Pattern.compile("\\b(?:make|change|set|put)\\s+(?:it|that|them|this)\\s+(?:to\\s+)?"
            + "(for|to|too)(?=\\s*(?:$|instead|please|pls|then|thanks))");
    private static final Pattern X_COUNT = Pattern.compile("\\bx\\s*(\\d{1,3})\\b|\\b(\\d{1,3})\\s*x\\b");
    private static final Pattern POSSESSIVE_COUNT = Pattern.compile("\\b(one|two|three|four|five|\\d{1,3})'s\\b");
    // "make it 2 not 3", "2 instead of 3", "I only wanted one of the mugs not three": the first number is the one wanted.
    private static final Pattern NOT_THAT = Pattern.compile("\\b" + NUM + "(?:\\s++(?!not\\b|instead\\b|rather\\b)[a-z']++){0,5}?"
            + "\\s+(?:not|instead of|rather than)\\s+" + NUM + "\\b");
    // Not "no" as number's abbreviation: "add no 2 and no 4" are two places in the list, not a count of 2.
    private static final Pattern CORRECTED = Pattern.compile("\\b(?:no wait|wait|(?<!\\b(?:add|and|or|the|take|buy|get|order|want|need|item|plus|also|see"
            + "|show|about|is|with)\\s)no|actually|sorry|i mean|make (?:it|that))\\s+" + NUM
            + NOT_ORDINAL + "(?!\\s*(?:dollars|bucks|usd|\\$))");
    // A count without a number: the shop asks how many rather than guessing.
    // "get enough for all of us", "enough of the metal ones for the rest of the family": how many is who they are for
    private static final Pattern VAGUE = Pattern.compile("\\b(?:a few|few|some|several|a bunch|bunch of|a lot|lots|loads|many|multiple"
            // "good enough for me" approves; "enough for the class" counts
            + "|(?<!\\b(?:good|big|long|fine|nice|close|well|safe|cheap|warm|strong|bright|sturdy|tough|small)\\s)enough (?:for|of)|for (?:everyone|everybody|all of us|the whole (?:family|team|class|office|group)))\\b");

    // "add 2, one for each of the boys", "make it two, one for my sister", "4, one each": how the count is shared, not a count.
    private static final String WHO = "(?:me|you|him|her|us|them|each(?:\\s+(?:of\\s+(?:them|us|the\\s+[a-z']+)|[a-z']+))?+|every\\s+[a-z']+"
            + "|both(?:\\s+of\\s+(?:them|us))?+|(?:my|his|her|our|their|the)\\s+[a-z']+)";
    private static final Pattern SHARED = Pattern.compile("(?<=[a-z0-9])\\s+(?:one(?:'s|\\s+is)?+|1|a)(?:\\s+each)?+(?:\\s+for\\s+" + WHO
            + "(?:\\s+and\\s+(?:one|1|the other|another)\\s+for\\s+" + WHO + ")*+|(?<=each))(?=\\s|$)");
    private static final Pattern PUNCTUATION = Pattern.compile("[?!.,:]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A size said with a number ("60-piece", "4-person"): what a product is. */
    private static final Pattern SIZED = Pattern.compile("\\d{1,4}-[a-z]++");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern DOZENS = Pattern.compile("\\b(\\d|two|three|four|five|six|seven|eight|nine|ten)\\s++dozen\\b");

    private Quantity() {
    }

    /** The quantity stated in {@code text} (already normalised, skus and prices removed), if any. */
    static OptionalInt in(String text) {
        OptionalInt worked = workedOut(words(text));
        if (worked.isPresent()) {
            return worked;
        }
        String t = unshared(words(text));
        Matcher labelled = LABELLED.matcher(t);
        if (labelled.find()) {
            return value(labelled.group(1)); // "no. 2 - qty 3": a count labelled as one is the count, whatever comes before it
        }
        // "add 2... no wait, 3": what follows a correction is what was meant.
        Matcher corrected = CORRECTED.matcher(t);
        OptionalInt last = OptionalInt.empty();
        while (corrected.find()) {
            last = value(corrected.group(1));
        }
        if (last.isPresent()) {
            return last;
        }
        Matcher heard = HEARD_AS.matcher(t);
        if (heard.find()) {
            return OptionalInt.of(HOMOPHONES.get(heard.group(1)));
        }
        Matcher enough = ENOUGH_FOR.matcher(t);
        if (enough.find() && (counted(enough.group(2)) || enough.group(3) != null && counted(enough.group(3)))) {
            return value(enough.group(1)); // "the cheapest one, enough for 6 desks": one for each
        }
        for (Pattern p : new Pattern[] {ALONE, TIMES, OF, AFTER_VERB, JUST, FIRST, LAST_PLEASE, TAKE_OFF}) {
            Matcher m = p.matcher(t);
            if (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null) {
                        OptionalInt n = value(m.group(g));
                        if (n.isPresent()) {
                            return n;
                        }
                    }
                }
            }
        }
        // "the grey one is the one, 6", "sable. 2.": a count said as a clause of its own, after what it counts
        Matcher clause = CLAUSE_COUNT.matcher(dozens(text));
        return clause.find() ? value(clause.group(1)) : OptionalInt.empty();
    }

    private static boolean counted(String word) {
        return PEOPLE.contains(word) || HeadCount.PLACES.contains(word);
    }

    /** "enough for 6 desks", "enough for 12 kids": as many as the people or places counted. */
    private static final Pattern ENOUGH_FOR = Pattern.compile("\\benough\\s(?:of\\s(?:them|those|these|it)\\s)?+for\\s(?:(?:all|each|every\\sone)\\s(?:of\\s)?+)?+(?:the\\s|my\\s|our\\s)?+"
            + "(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\\s([a-z]++)(?:\\s([a-z]++))?+");
    private static final Pattern CLAUSE_COUNT = Pattern.compile("(?<=[a-z][,;.!:]|[a-z][,;.!:]\\s)\\s*+(\\d{1,3}|two|three|four|five|six|seven"
            + "|eight|nine|ten|eleven|twelve|a dozen|half a dozen|a couple|a pair)(?:\\s++(?:please|pls|plz|thanks|then|total))?+\\s*+(?:[,;.!]|$)");

    /**
     * The new quantity in a message that sets one ("make that 3", "change the mug to 2", "just one"):
     * the last number said, digits before words ("make the second one 3" is 3). Ordinals are not numbers.
     */
    /** A number with its measure ("16 oz", "500 ml", "12 inch"): what one of it holds or measures, never how many. */
    private static final Pattern MEASURED = Pattern.compile("\\b\\d{1,5}+(?:[.,]\\d{1,2}+)?+\\s?+(?:oz|ounces?|ml|cl|ltr|litres?|liters?"
            + "|cm|mm|inch|inches|ft|feet|kg|g|grams?|lbs?|mah|w|watts?|v|volts?|gb|tb|qt|quarts?|gallons?)\\b");

    static OptionalInt newQuantity(String text) {
        OptionalInt worked = workedOut(words(text));
        if (worked.isPresent()) {
            return worked;
        }
        // "lamp x1 not x2", "two's plenty": the count without its x or its 's.
        String t = POSSESSIVE_COUNT.matcher(X_COUNT.matcher(unshared(words(text))).replaceAll("$1$2")).replaceAll("$1")
                .replace("half a dozen", "6"); // its last word is no count of its own
        t = MEASURED.matcher(t).replaceAll(" "); // "the white 16 oz from Brewtown": a size, not sixteen of it
        Matcher heard = HEARD_AS.matcher(t);
        if (heard.find()) {
            return OptionalInt.of(HOMOPHONES.get(heard.group(1))); // "can I get for of them": four, as dictated
        }
        Matcher set = SET_TO_HEARD_AS.matcher(t);
        if (set.find()) {
            return OptionalInt.of(HOMOPHONES.get(set.group(1))); // "um make it for instead": four, as dictated
        }
        Matcher notThat = NOT_THAT.matcher(t);
        if (notThat.find()) {
            return value(notThat.group(1));
        }
        OptionalInt digits = OptionalInt.empty();
        OptionalInt words = OptionalInt.empty();
        String before = "";
        for (String w : SPACES.split(t)) {
            OptionalInt n = value(w);
            boolean pointer = w.equals("one") && (SIZED.matcher(before).matches() || SearchWords.QUALIFIERS.contains(before));
            before = w;
            if (n.isPresent() && !pointer) { // "the 60-piece one", "the blue one": which, not how many
                if (SMALL_NUMBER.matcher(w).matches()) {
                    digits = n;
                } else {
                    words = n;
                }
            }
        }
        return digits.isPresent() ? digits : words;
    }

    /** People a count may be shared among, one each: "my wife", "each of my 3 kids", "10 people". */
    static final java.util.Set<String> PERSON = java.util.Set.of("me", "myself", "meself", "i", "wife", "husband", "hubby", "mum", "mom",
            "mam", "mother", "dad", "father", "sister", "brother", "son", "daughter", "kid", "child", "friend", "bf", "gf", "boyfriend",
            "girlfriend", "partner", "boss", "colleague", "coworker", "cousin", "nephew", "niece", "grandma", "grandpa", "granny",
            "nan", "aunt", "auntie", "uncle", "roommate", "flatmate", "housemate", "baby", "neighbour", "neighbor", "teacher", "guest",
            "person", "boy", "girl", "twin", "grandson", "granddaughter", "grandkid", "grandchild", "student", "player", "member",
            "bro", "sis", "bestie", "bff", "wifey", "fiance", "fiancee", "bride", "groom", "mate", "sibling");
    static final java.util.Set<String> PEOPLE = java.util.Set.of("kids", "children", "sisters", "brothers", "friends", "people",
            "guests", "cousins", "boys", "girls", "sons", "daughters", "colleagues", "coworkers", "players", "students", "nieces",
            "nephews", "grandkids", "grandchildren", "members", "twins", "persons", "adults", "teachers", "neighbours", "neighbors",
            "roommates", "flatmates", "housemates", "ppl", "grandsons", "granddaughters", "staff", "guys", "ladies", "folks", "teenagers",
            "teens", "toddlers", "babies", "parents", "grandparents", "employees", "workers", "starters", "hires", "attendees", "participants",
            "visitors", "clients", "customers", "bridesmaids", "groomsmen", "ushers", "siblings", "mates", "teammates", "volunteers",
            "nurses", "coaches", "aunts", "uncles");
    /** Who is one person said without "my" ("one each for mum, dad and my sister"). */
    private static final java.util.Set<String> FAMILY = java.util.Set.of("mum", "mom", "mam", "mother", "dad", "father", "hubby",
            "husband", "wife", "grandma", "grandpa", "granny", "nan", "auntie");
    private static final java.util.Set<String> OWNERS = java.util.Set.of("my", "our", "the", "his", "her", "their", "both", "all");
    private static final java.util.Set<String> SPARE = java.util.Set.of("spare", "spares", "extra", "extras", "more", "backup",
            "backups", "additional");

    /**
     * A count worked out from how it is shared: "one for each of my 3 kids" (3), "two each for me and my wife" (4), "one
     * for me and one for each of my 2 sisters" (3), "one each for 10 people plus 2 spares" (12). Empty unless the wording
     * multiplies or adds (one for me alone is no count), and unless everyone it is shared among is a person or a number
     * of people ("one for meat, one for veg" is no count).
     */
    static OptionalInt workedOut(String words) {
        List<String> w = List.of(SPACES.split(words.toLowerCase(java.util.Locale.ROOT)));
        int total = 0;
        int shares = 0;
        boolean multiplied = false;
        int i = 0;
        while (i < w.size()) {
            // "a pair for me and a pair for my husband": a pair of what comes in pairs is one of it
            OptionalInt k = w.get(i).equals("pair") && i > 0 && (w.get(i - 1).equals("a") || w.get(i - 1).equals("one"))
                    ? OptionalInt.of(1) : value(w.get(i));
            int j = i + 1;
            boolean each = false;
            if (k.isPresent() && j < w.size() && w.get(j).equals("each")) {
                each = true;
                j++;
            }
            if (k.isEmpty() || j >= w.size() || !w.get(j).equals("for")) {
                i++;
                continue;
            }
            j++;
            if (j + 1 < w.size() && (w.get(j).equals("each") || w.get(j).equals("every")) && w.get(j + 1).equals("of")) {
                each = true;
                j += 2;
            } else if (j < w.size() && w.get(j).equals("each")) {
                each = true;
                j++;
            }
            int heads = 0;
            int end = j;
            while (end < w.size()) { // "me and my wife", "my 3 kids", "10 people"
                int[] who = heads(w, end);
                if (who == null && each && heads > 0 && aName(w, end)) {
                    who = new int[] {1, end + 1}; // "one each for me, Sam, Priya and Tom": a name in a list of who
                }
                if (who == null) {
                    break;
                }
                heads += who[0];
                end = who[1];
                if (end < w.size() && value(w.get(end)).isEmpty() && (heads(w, end) != null || each && aName(w, end))) {
                    continue; // "mum, dad and my sister": a list of who, its commas gone
                }
                if (end + 1 < w.size() && w.get(end).equals("and") && (heads(w, end + 1) != null || each && aName(w, end + 1))
                        && value(w.get(end + 1)).isEmpty()) {
                    end++;
                    continue;
                }
                break;
            }
            if (heads == 0 && k.getAsInt() == 1 && !each && end < w.size() && !value(w.get(end)).isPresent() && shares > 0) {
                heads = 1; // "one for me and one for Jess": one each, whoever the second is for
                end++;
            }
            if (heads == 0) {
                return OptionalInt.empty(); // shared among things, not people: no count here
            }
            if (heads > 1 && !each && k.getAsInt() > 1) {
                return OptionalInt.empty(); // "two for my sisters": two in all, or two each? not a count to work out
            }
            multiplied |= heads > 1;
            total += k.getAsInt() * (each || heads > 1 ? heads : 1);
            shares++;
            i = end;
            if (i + 1 < w.size() && w.get(i).equals("and") && value(w.get(i + 1)).isPresent()) {
                i++;
            }
        }
        for (int s = 0; s + 1 < w.size(); s++) { // "plus 2 spares", "and 2 extra"
            if ((w.get(s).equals("plus") || w.get(s).equals("and") || w.get(s).equals("+")) && value(w.get(s + 1)).isPresent()
                    && (w.get(s).equals("plus") || s + 2 < w.size() && SPARE.contains(w.get(s + 2))) && shares > 0) {
                total += value(w.get(s + 1)).getAsInt();
                multiplied = true;
            }
        }
        return shares > 0 && (multiplied || shares > 1) ? OptionalInt.of(total) : OptionalInt.empty();
    }

    /** Words that may follow a list of who and are no one's name: "one each for me and Sam please", "... for me today". */
    private static final java.util.Set<String> NO_NAME = java.util.Set.of("please", "pls", "plz", "thanks", "thank", "so", "too",
            "also", "as", "then", "now", "today", "tomorrow", "tonight", "lol", "lah", "la", "mate", "x", "xx", "cheers", "ok", "okay",
            "of", "in", "at", "on", "with", "from", "by", "for", "to", "and", "or", "but", "the", "a", "an", "this", "that", "these",
            "those", "it", "them", "each", "every", "all", "both", "one", "ones", "pair", "set", "pack", "more", "same", "again",
            "is", "are", "will", "would", "can", "could", "should", "if", "when", "because", "cos", "since", "we", "they", "he",
            "she", "you", "u", "my", "our", "his", "her", "their", "your", "birthday", "christmas", "xmas", "work", "home", "office",
            "plus", "minus", "except");

    /** A first name in a list of who ("sam", "bridie"): a word of letters that is no number, no word of the list's frame. */
    private static boolean aName(List<String> w, int at) {
        if (at >= w.size()) {
            return false;
        }
        String word = w.get(at);
        return word.length() >= 2 && word.chars().allMatch(Character::isLetter) && value(word).isEmpty() && !NO_NAME.contains(word)
                && !SPARE.contains(word) && !PEOPLE.contains(word) && !PERSON.contains(word) && !com.shopkeeper.llm.SearchWords.COLOURS.contains(word);
    }

    /** How many people the words from {@code at} name, and where they end; null when they name none. */
    private static int[] heads(List<String> w, int at) {
        int i = at;
        if (i < w.size() && OWNERS.contains(w.get(i))) {
            i++;
        }
        if (i < w.size() && (w.get(i).equals("us") || w.get(i).equals("of") && i + 1 < w.size() && w.get(i + 1).equals("us"))) {
            return w.get(at).equals("both") ? new int[] {2, i + (w.get(i).equals("of") ? 2 : 1)} : null;
        }
        if (i > at && i < w.size() && w.get(i).equals("twins")) {
            return new int[] {2, i + 1}; // "one each for the twins"
        }
        if (i > at && i + 1 < w.size() && w.get(i).equals("twin") && PEOPLE.contains(w.get(i + 1))) {
            return new int[] {2, i + 2}; // "one each for my twin granddaughters"
        }
        OptionalInt n = i < w.size() ? value(w.get(i)) : OptionalInt.empty();
        if (n.isPresent() && i + 1 < w.size() && PEOPLE.contains(w.get(i + 1))) {
            return new int[] {n.getAsInt(), i + 2};
        }
        if (n.isPresent() && i + 2 < w.size() && PEOPLE.contains(w.get(i + 2))) {
            return new int[] {n.getAsInt(), i + 3}; // "my 2 little sisters"
        }
        if (i < w.size() && PERSON.contains(w.get(i)) && (i > at || Set.of("me", "myself", "meself", "i").contains(w.get(i)) || FAMILY.contains(w.get(i)))) {
            return new int[] {1, i + 1};
        }
        return null;
    }

    /** True when a count is asked for without a number ("add a few", "some of those"): how many is a guess. */
    static boolean isVague(String text) {
        String t = words(text);
        return VAGUE.matcher(t).find() && in(t).isEmpty();
    }

    /** True when the whole message is nothing but a quantity ("2", "two please", "a dozen"). */
    static boolean isWholeMessage(String text) {
        return ALONE.matcher(words(text)).matches();
    }

    /** The text without how a count is shared out ("two, one for my sister" is two), a pair of what comes in pairs one. */
    private static String unshared(String words) {
        return PAIR_OF_A_PAIR.matcher(SHARED.matcher(words).replaceAll("")).replaceAll("1 ");
    }

    /** "a pair of the Fieldstone gloves": one of what is sold as a pair (two mugs are "a pair of mugs"). */
    private static final Pattern PAIR_OF_A_PAIR = Pattern.compile("\\b(?:a|one)\\s++pair\\s++of\\s++(?=(?:[a-z'&-]++\\s++){0,4}?"
            + "(?:gloves|socks|shoes|boots|sneakers|trainers|sandals|slippers|earrings|jeans|trousers|pants|shorts|leggings|earbuds"
            + "|headphones|sunglasses|glasses|scissors|mittens|heels|loafers|flats|wellies|wellingtons)\\b)");

    private static String words(String text) {
        String said = AGE.matcher(PUNCTUATION.matcher(text).replaceAll(" ")).replaceAll(" ");
        return dozens(SPACES.matcher(said).replaceAll(" ").strip());
    }

    /** "little Amelia turns 5", "aged 7", "a 10 year old": an age, never how many. */
    private static final Pattern AGE = Pattern.compile("\\b(?:turns|turning|turned|aged)\\s(?:\\d{1,3}|one|two|three|four|five|six|seven|eight"
            + "|nine|ten|eleven|twelve)\\b|\\b(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\\s-]++"
            + "(?:years?|yrs?|months?)[\\s-]++old\\b");

    /** "3 dozen", "two dozen": one count, twelve times the number (not 3, not 12). */
    private static String dozens(String text) {
        Matcher dozens = DOZENS.matcher(text);
        return dozens.find() ? dozens.replaceAll(m -> String.valueOf(12 * value(m.group(1)).orElse(1))) : text;
    }

    /** A number as a voice may have heard it: "two", "for" (four), "to" (two). */
    static OptionalInt spoken(String s) {
        Integer heard = HOMOPHONES.get(s.strip());
        return heard != null ? OptionalInt.of(heard) : value(s);
    }

    static OptionalInt value(String s) {
        String w = s.strip();
        if (SMALL_NUMBER.matcher(w).matches()) {
            int n = Integer.parseInt(w);
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        }
        Integer n = WORDS.get(w);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
