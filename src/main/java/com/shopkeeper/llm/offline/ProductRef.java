package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.ProductPlace;
import com.shopkeeper.llm.SearchWords;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which product the shopper means, as words the engine resolves against the conversation: a sku
 * ("SK-000017"), a position in the last list ("the second one", "number 3", "#2" → "2"; "the last
 * one" → "last"), or words from it ("the blue one" → "blue", "the oak desk" → "oak desk"). Empty for
 * "it", "that one", "those": the product being discussed.
 */
final class ProductRef {

    static final Map<String, String> ORDINALS = Map.ofEntries(
            Map.entry("first", "1"), Map.entry("1st", "1"), Map.entry("second", "2"), Map.entry("2nd", "2"),
            Map.entry("third", "3"), Map.entry("3rd", "3"), Map.entry("fourth", "4"), Map.entry("4th", "4"),
            Map.entry("fifth", "5"), Map.entry("5th", "5"), Map.entry("sixth", "6"), Map.entry("6th", "6"),
            Map.entry("seventh", "7"), Map.entry("7th", "7"), Map.entry("eighth", "8"), Map.entry("8th", "8"),
            Map.entry("ninth", "9"), Map.entry("9th", "9"), Map.entry("tenth", "10"), Map.entry("10th", "10"),
            Map.entry("last", "last"));

    private static final Pattern SKU = Pattern.compile("\\b([a-z]{2,4}-\\d{3,8})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDINAL = Pattern.compile("\\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th"
            + "|seventh|7th|eighth|8th|ninth|9th|tenth|10th|last)\\b(?!\\s+(?:time|order|week|month|thought|thoughts|look|glance|hand|opinion|chance|list|search|page|lot|batch|results)\\b)");
    private static final Pattern NUMBERED = Pattern.compile("(?:\\b(?:number|no\\.?|num|item|option|product|nr)\\s*|#\\s*)(\\d{1,2})\\b");
    // "number two please", "add number for" (dictated): the number said in words, "for" and "to" as a voice hears four and two.
    private static final Pattern NUMBERED_IN_WORDS = Pattern.compile("\\bnumber\\s+(one|two|three|four|five|six|seven|eight|nine|ten"
            + "|(?:for|to|too)(?=\\s*(?:$|[.,!?]|\\b(?:please|pls|and|then)\\b)))\\b");
    // Positions as shoppers who mix languages say them: "el segundo", "le premier", "das letzte", "o terceiro".
    /** "the top one", "the one at the bottom": a place at an end of the list on screen ("a tank top" is a product). */
    private static final Pattern TOP_OR_BOTTOM = Pattern.compile("\\b(top|bottom|middle)\\s(?:one|ones|option|pick)\\b"
            + "|\\bthe\\sones?+\\s(?:at|on|in)\\sthe\\s(top|bottom|middle)\\b");
    private static final Map<String, String> OTHER_ORDINALS = Map.ofEntries(
            Map.entry("primero", "1"), Map.entry("primer", "1"), Map.entry("primera", "1"), Map.entry("segundo", "2"),
            Map.entry("segunda", "2"), Map.entry("tercero", "3"), Map.entry("tercer", "3"), Map.entry("tercera", "3"),
            Map.entry("cuarto", "4"), Map.entry("quinto", "5"), Map.entry("último", "last"), Map.entry("ultimo", "last"),
            Map.entry("premier", "1"), Map.entry("première", "1"), Map.entry("deuxième", "2"), Map.entry("troisième", "3"),
            Map.entry("dernier", "last"), Map.entry("dernière", "last"), Map.entry("erste", "1"), Map.entry("ersten", "1"),
            Map.entry("zweite", "2"), Map.entry("zweiten", "2"), Map.entry("dritte", "3"), Map.entry("dritten", "3"),
            Map.entry("letzte", "last"), Map.entry("letzten", "last"), Map.entry("primeiro", "1"), Map.entry("terceiro", "3"));
    // After an article ("el segundo", "das letzte", "del tercero"): a bare "segundo" may be a second of time;
    // not after "a", which is English too ("a premier league ball").
    private static final Pattern OTHER_ORDINAL = Pattern.compile("\\b(?:el|la|le|das|der|die|den|o|del|de la|du)\\s+("
            + String.join("|", OTHER_ORDINALS.keySet().stream().sorted().toList()) + ")(?![\\p{L}])");
    /** What may follow "first" said of when ("add one more lamp first", "the blue one first, then checkout"). */
    private static final Pattern AFTER_WHEN = Pattern.compile("(?<!\\s)\\s*+(?:$|[.,!?;:]|(?:then|and|please|pls|plz|before|tho|though|thanks|thx)\\b)");
    /** The word before such a "first" when it is a place in the list after all: "add first", "the first", "i want first". */
    private static final Set<String> BEFORE_A_PLACE = Set.of("the", "add", "take", "get", "want", "need", "buy", "order", "grab", "pick",
            "choose", "try", "gimme", "give", "see", "show", "have", "with", "and", "or", "very", "just", "only", "prefer", "like", "me",
            "is", "its", "it's", "was", "said", "no", "not", "number", "your", "my", "this", "that", "a");
    private static final Set<String> SEEN_OR_ADDED = Set.of("saw", "seen", "put", "got", "bought", "chose", "chosen", "sent", "shown",
            "you", "i", "we", "mentioned", "asked");
    private static final Pattern LAST_WORD = Pattern.compile("(?<![a-z'])([a-z']++)\\s*+$");

    /**
     * "first" said of when, not of which: after something already named, at the end of a request ("wait, add one more lamp
     * first" had added the list's first product). "add first", "the first", "i want first" still point at the list's first.
     */
    private static boolean whenNotWhich(String text, Matcher ordinal) {
        if (!ordinal.group(1).equals("first") || !AFTER_WHEN.matcher(text).region(ordinal.end(), text.length()).lookingAt()) {
            return false;
        }
        Matcher before = LAST_WORD.matcher(text.substring(0, ordinal.start()));
        // "the thing I added first", "the one you showed me first", "the one i saw first": which, by when it was seen or added
        return before.find() && !BEFORE_A_PLACE.contains(before.group(1)) && !before.group(1).endsWith("ed")
                && !SEEN_OR_ADDED.contains(before.group(1));
    }

    private static final Pattern BARE_NUMBER = Pattern.compile("^(?:the\\s+)?(\\d{1,2})(?:\\s+one)?$");

    // "the Happy Tails one", "the 500 piece one", "those solar ones": the words before "one" name it,
    // whatever else the sentence says ("what is the rate of the Happy Tails one?").
    private static final Pattern NAMED_ONE = Pattern.compile("\\b(?:the|that|this|those|these)\\s++((?:[a-z0-9'&-]++\\s++){1,4}?)ones?\\b");
    private static final Pattern NAMED_ONE_FIRST = Pattern.compile("^(?:(?:a|an)\\s++)?+((?:[a-z0-9'&-]++\\s++){1,4}?)ones?+\\b");
    /** "a pink one please", "i take pink one lah": the words before "one" after "a" or a verb of taking, without "the". */
    private static final Pattern ONE_UNDEFINED = Pattern.compile("\\b(?:a|an|(?:take|want|get|buy|need|choose|pick|prefer|cop|grab)(?:\\s(?:a|an))?+)\\s++"
            + "((?:[a-z0-9'&-]++\\s++){1,2}?)ones?\\b");
    private static final Set<String> NOT_NAMING = Set.of("same", "other", "next", "previous", "new", "right", "wrong", "only", "first",
            "last", "one", "which", "what", "another", "each", "every", "all", "any",
            // "this is the one": a verb and an article between the pointer and "one" name nothing
            "is", "are", "was", "were", "the");

    /**
     * Who or what it is for ("add 4 for my 2 windows", "3 pcs, one each for the kids", "for her"): never the product.
     * Not "for a" or "for the" in general: "the toys for a 5 year old" may be how a product is called.
     */
    private static final Pattern PURPOSE = Pattern.compile("(?<!\\b(?:suitable|good|safe|ok|okay|fine|right|enough|appropriate|ideal|perfect|big|small)\\s)"
            + "\\b(?:for|fr)\\s(?:my|our|his|her|their|me|him|them|us|you|each|both|everyone"
            + "|kids|\\d{1,3}(?!\\s?+(?:dollars?|bucks|usd)\\b)|the (?:kids|twins|children|office|team|family|house|boys|girls|school|class))\\b[^.,;!?]*+");
    /** What is asked about it ("tell me if it's machine washable", "whether they fit a queen bed"): never which product. */
    private static final Pattern WHETHER = Pattern.compile("\\b(?:if|whether)\\s(?:it|it's|its|they|they're|this|that|these|those)\\b[^.;!?]*+");
    /** Where it goes once bought ("that one's coming home with me", "I'll take it home"): no product's name. */
    private static final Pattern GOES_HOME = Pattern.compile("\\b(?:coming|come|comes|going|go|goes|taking|take|takes|bringing|bring"
            + "|brings|heading|headed|sent|sending|ship|shipping)\\s(?:it\\s|them\\s|this\\s|that\\s|those\\s)?+home\\b");
    /** A hyphen that joins nothing ("- one each"): a pause, not part of a name. */
    private static final Pattern LOOSE_HYPHEN = Pattern.compile("(?<![a-z0-9])-++|-++(?![a-z0-9])");
    // A verb whose object is a pronoun: "add it", "take them", "add that too", "put this in the cart".
    /** Where it goes, in any shop's word for it ("in the trolley", "into my basket"): never the product. */
    /** How many, in units: "I'll take three sets", "2 pairs", "4 packs please". The unit is no product ("Set of 4" is not meant). */
    private static final Pattern COUNTED_UNIT = Pattern.compile("\\b(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a couple of|a few)"
            + "\\s(?:" + Quantity.UNITS + "|lots|boxes of them)\\b(?!\\s++of\\b)"
            // the count already taken out: "i'll take sets", "need sets please"
            + "|(?<=\\b(?:take|need|want|get|order|add|buy|have|me|more|make it|make that)\\s)(?:" + Quantity.UNITS + ")\\b(?!\\s++of\\b)");
    private static final Pattern CONTAINER = Pattern.compile("\\b(?:in|into|to|onto|from|out of|off)\\s(?:my|the|me|ur|your|our)\\s"
            + "(?:shopping\\s)?+" + Utterance.CART_WORDS + "\\b"
            // "add to bag", "put in basket pls": the shopper's own, said without "my", at the end of what is asked
            + "|\\b(?:in|into|to)\\s(?:shopping\\s)?+" + Utterance.CART_WORDS
            + "(?=\\s*+(?:$|[.,!?]|(?:please|pls|plz|thanks|thx|now|too|as well)\\b))"
            // "put the blue one in there for me": there, where things are put
            + "|(?<=\\b(?:one|ones|it|them)\\s)in\\sthere\\b");
    /** What is said around a product's name and is never part of it, taken out in this order. */
    /**
     * "For him I'll take the cheaper board game", "for my son, the blue one": who it is for, said first; the rest of the
     * sentence names the product ("for my grandson's graduation photo" is all a purpose).
     */
    private static final Pattern PURPOSE_FIRST = Pattern.compile("^\\s*+(?:(?:and|so|now)\\s)?+(?:for|fr)\\s(?:(?:my|our|his|her|their)\\s[a-z']++(?=,)|me|him|her|them|us)\\b,?+");
    /** Why it is wanted, said after what points at it: "5 sets of those to cover the whole terrace", "two of them to give away". */
    private static final Pattern TO_DO_WITH_IT = Pattern.compile("(?<=\\b(?:those|these|them|it|this|that|ones|one)\\s)(?:so as\\s|in order\\s)?+to\\s"
            + "(?:cover|fill|use|hang|decorate|light|give|share|keep|hold|store|carry|replace|match|wear|bring|gift|last|feed|water|clean"
            + "|play|read|sit|sleep|work|cook|serve|stock|equip|furnish|kit|line|brighten|finish|complete|go|put|set|send|wrap|try|take)\\b[^.,;!?]*+");
    /** The unit of a count said of what is pointed at: "5 sets of those", "two pairs of the blue ones" ("Set of 4" is a name). */
    private static final Pattern UNIT_OF_POINTED = Pattern.compile("\\b(?:" + Quantity.UNITS + ")\\s(?=of\\s(?:those|these|them|it|that|this|the)\\b)");
    /** "I'll have that as well": too, no product's name. */
    private static final Pattern AS_WELL = Pattern.compile("\\bas\\s++well\\b");
    private static final List<Pattern> ASIDES = List.of(CONTAINER, GOES_HOME, WHETHER, PURPOSE_FIRST, PURPOSE, TO_DO_WITH_IT, UNIT_OF_POINTED, LOOSE_HYPHEN, AS_WELL);
    private static final Pattern OBJECT_POINTER = Pattern.compile("\\b(?:add|take|buy|get|put|order|want|grab|remove|delete|drop|ditch|chuck|pop|throw|stick|bung)\\s+"
            + "(?:it|them|(?:that|this|those|these)(?=\\s*(?:$|[.,!?]|\\b(?:to|too|in|into|please|pls|and|as well|for me|now|then)\\b)))\\b");

    /**
     * "the forest green medium pair sounds right, add those", "now the mower I asked you about, put that in too": a product
     * named and judged, or said to be one seen before, then pointed at by the verb after it.
     */
    private static final Pattern NAMED_THEN_POINTED = Pattern.compile("^\\s*+(?:(?:now|and|ok|okay|oh)\\s)?+(?:the|that|this)\\s"
            + "(?:[a-z0-9'&-]++\\s){1,4}?(?:"
            + "(?:sounds|looks|seems|is)\\s(?:just\\s|about\\s)?+(?:right|good|great|perfect|ideal|fine|nice|lovely|best)"
            + "|(?:(?:that|which)\\s)?+(?:i\\s(?:asked\\s(?:you\\s)?+about|looked\\sat|saw|liked|mentioned)|you\\s(?:showed\\sme|listed|mentioned))"
            + "(?:\\s(?:earlier|before|first))?+)"
            + "[,.]?+\\s(?:add|take|get|buy|grab|put|pop)\\s(?:it|them|those|these|that|this)\\b");
    // Words that point at the product under discussion rather than naming one.
    private static final Set<String> POINTERS = Set.of("it", "this", "that", "those", "these", "them", "this one", "that one",
            "these ones", "those ones", "one", "ones", "same", "the same", "the same one", "this item", "that item", "that too",
            "another", "another one", "item", "product", "thing", "all", "all of them", "both", "the item", "the product",
            "them all", "everything", "more", "one more", "it too", "that thing", "the", "a", "an", "my", "some",
            "there", "here", // "so that there is no squabbling": a place, never a name
            "one's", "that one's", "this one's"); // "that one's coming home with me"

    // Verbs, cart phrases and politeness around a reference; taken out before reading what is left.
    private static final Pattern NOISE = Pattern.compile("(?<!-)\\b(?:"
            // "just one is fine", "two will do": how many is enough, not what ("fine" is a word of "Fine Wine Glasses")
            + "(?:is|are|'s|will be|would be|should be)\\s(?:fine|enough|plenty|ok|okay|good|sufficient|perfect|great|alright)"
            + "|will do|would do|should do"
            + "|please|thanks|thank you|ok|okay|yes|yeah|yep|sure|also|and|actually"
            + "|just|hey|hi|then|too|now|anymore|any more|instead|again|oh|so|um|uh|well|kindly|sorry|only|reduce to|reduce|increase to|increase"
            + "|change it to|change to|quantity|pieces|piece|pcs|units|packs|each|ugh|nvm|never mind|lol|idk|pls|plz|ta|cheers"
            + "|can you|could you|can i|could i|may i|might i|i'd like to|i would like to|i want to|i wanna|i'd like|i want|i'll take|i'll have"
            // "we'll need 5 sets of those": the shopper speaking for a business or a family
            + "|we'll|we will|we'd|we would|we need|we want|pack for me|pack me|pack for us|pack us"
            + "|i don't want|don't want|i don't need|don't need|i need|give me|get me|let me see|let me|show me|tell me more about"
            + "|tell me about|tell me more|tell me|more info on|more info about|more info|more details on|more details about|info on|info about"
            + "|details on|details of|details for|details about|the details of|details|detail|see|view|what about|how about"
            // "pls share details": Indian English for "send me the details"
            + "|share(?=\\s(?:the\\s|more\\s|its\\s)?+(?:details|detail|info|pics|photos|price|specs))"
            + "|how much is|how much for|how much|what's the price of|what is the price of|the price of|price of|price|cost of|cost"
            + "|what's|what is|is|are|made of|looks nice|look nice|looks good|is nice|i like"
            + "|can i get|can i have|could i get|could i have|can i grab|could i grab|grab|get|forget about|forget"
            + "|throw in|chuck in|pop in|bung in|toss in|add|put|buy|take off|take out|take|keep|save|reserve|remove|delete|ditch|get rid of|drop|cancel|order|want|need|have"
            + "|to my cart|to the cart|to cart|into my cart|in my cart|in the cart|from my cart|from the cart|from cart|out of my cart"
            + "|out of the cart|to my basket|to the basket|in my basket|from my basket|to my bag|in my bag|from my bag|out|off"
            + "|in|into|for me|of|of the|more of"
            // counts said in words ("make that three", "a dozen of these"): how many, never which
            + "|two|three|four|five|six|seven|eight|nine|ten|twelve|half a dozen|a dozen|dozen|a couple|couple|a pair|pair|rather than)\\b");

    // "the <words>" up to a word that ends the noun phrase: "the oak desk from my cart" → "oak desk".
    // One to four whole words, each taken possessively: a word is never split, so one long word is
    // read once (a word that could be split every way once backtracked for minutes).
    // Not after "for": "ad 3 fr the kids" says who they are for, not which product.
    /** Verbs that make "the X" the subject of a clause ("the twins will fight"), not a product pointed at. */
    private static final Set<String> CLAUSE_VERBS = Set.of("will", "would", "won't", "can't", "could", "should", "might",
            "must", "does", "doesn't", "did", "didn't", "has", "had", "hates", "loves", "likes", "wants", "needs", "says", "said", "still",
            "already", "works", "fits", "suits", "seems", "sounds", "goes");
    private static final Pattern DEFINITE = Pattern.compile("(?<!\\bfor |\\bfr )\\b(?:the|that|this|those|these)\\s++([a-z0-9'&-]++(?:\\s++[a-z0-9'&-]++){0,3}?)"
            + "(?=\\s*(?:$|[?!.,:;]|\\b(?:of|in|on|for|from|to|into|out|off|is|are|was|please|and|anymore|any more|instead|too"
            + "|looks?|cost|costs|made|again|then|now|pls|with|at|as|so|but|if|you|i|sounds|seems)\\b))");
    // "the one with lid", "that one with the wooden handle", "the one that has a hood", "which one is having lid?", "the one
    // for the birds": what it has, or is for, names it.
    private static final Pattern MOST_OR_LEAST = Pattern.compile("\\b(?:most|least)\\s(?:expensive|pricey|costly)\\b");
    private static final Pattern ONE_WITH = Pattern.compile("\\b(?:(?:the|that|this)\\s++one\\s++(?:with|that has|which has|having|for)"
            + "|which\\s++(?:one|ones|of them)\\s++(?:has|have|is having|are having|comes? with|with))"
            + "\\s++(?:(?:a|an|the)\\s++)?+([a-z0-9'&-]++(?:\\s++[a-z0-9'&-]++){0,2}?)"
            + "(?=\\s*+(?:$|[?!.,:;]|\\b(?:and|please|pls|add|i|too|instead|on|in|for|come|comes|cost|costs|is|are|fit|fits|look|looks)\\b))");
    /** A maker's name after "from" or "by" (not "from the list", "by the window"). */
    private static final String MAKER = "(?:from|by|made by|(?<=one\\s)of(?!\\s++(?:them|those|these|the|a|an|my|your|our|his|her|their|mine|yours|ours|all|each|both|it|us|you|which"
            + "|what|\\d++)\\b))"
            + "\\s++(?!(?:the\\s)?+(?:list|before|earlier|last|first|top|picture|photo|ad)\\b)"
            + "([a-z0-9'&-]++(?:\\s++[a-z0-9'&-]++){0,2}?)"
            + "(?=\\s*+(?:$|[?!.,:;]|\\b(?:and|please|pls|in|with|the|that|for|is|also|too|i|want|add|x?\\d{1,2})\\b))";
    /** "the $23.99 one", "the 24 dollar one": a product of the list by its price. */
    private static final Pattern PRICED_ONE = Pattern.compile("(?:\\b(?:the|that|this)\\s|^)(?=[$£€]|\\d{1,6}+\\.\\d{2}\\s|\\d{1,6}+(?:\\.\\d{1,2})?+\\s?+(?:dollars?|bucks)\\b)"
            + "([$£€]?+\\d{1,6}+(?:\\.\\d{1,2})?+(?:\\s?+(?:dollars?|bucks))?+)\\s(?:one|ones)\\b"
            // "the one that's $24.99", "the one for 18.50", "the dress priced at 56.99": the price said after it
            + "|\\b(?:the|that)\\s(?:(?:one|ones)\\s(?:that's|thats|that is|which is|for|at|priced at|costing|that costs)"
            // a kind, then its price said as one ("the Ironpeak at 34.99" stays the Ironpeak, its price only confirming it)
            + "|[a-z][a-z-]{2,}+(?:\\s[a-z][a-z-]{2,}+){0,2}?\\s(?:that's|thats|that is|which is|priced at|costing|that costs))\\s"
            + "([$£€]\\d{1,6}+(?:\\.\\d{1,2})?+|\\d{1,6}+\\.\\d{2}(?!\\d)|\\d{1,6}+\\s?+(?:dollars?|bucks)\\b)");
    /** "count me in for", "put me down for", "sign us up for": taking, said as being in on it. */
    private static final Pattern TAKEN_FOR = Pattern.compile("\\b(?:count|put|sign|pencil|mark)\\s(?:me|us)\\s(?:in|down|up)\\sfor\\b");
    /**
     * "the cheapest mouse", "the most expensive lamp", "the cheaper cordless one": a place by price among a kind on the
     * list, said as a superlative or as a comparison (the engine's resolver reads either).
     */
    private static final Pattern BY_PRICE_OF_A_KIND = Pattern.compile("\\bthe\\s(cheapest|priciest|dearest|most expensive|least expensive"
            + "|cheaper|less expensive|pricier|dearer|more expensive)"
            // not "a dozen of the cheapest please", "the cheapest of those": no kind said after it
            + "\\s(?!(?:ones?|please|pls|of|from|for|and|too|as|in|on|then|thanks|with)\\b)([a-z0-9][a-z0-9'-]*+(?:\\s(?!please\\b|pls\\b|ones?\\b)[a-z0-9][a-z0-9'-]*+)?+)");
    /** Words that link a sentence's parts, which alone after "the" or "that" name nothing ("increase that to two"). */
    private static final Set<String> LINKING = Set.of("to", "for", "of", "in", "on", "at", "by", "with", "from", "up", "down", "into", "and", "or");
    /** "go for self-cleaning only", "going with the bamboo": what is chosen, said without "one" (read only when it names a product). */
    private static final Pattern GONE_FOR = Pattern.compile("\\b(?:go|going|gone)\\s(?:for|with)\\s(?:the\\s)?+"
            + "(?!(?:it|that|this|them|those|these|one|ones|number|no|option|a|an|some|any)\\b)([a-z][a-z0-9'-]*+"
            + "(?:\\s(?!(?:only|then|please|pls|instead|one|ones|and|but|i|now|too|as)\\b)[a-z][a-z0-9'-]*+){0,2}+)");
    /** "the one from Sorrel Studio", "the one by Lark": the maker's name. */
    private static final Pattern ONE_FROM = Pattern.compile("\\b(?:the|that|this)\\s++one\\s++" + MAKER);
    /** "the smart bulb from brightwell": the maker's name after the product's, which says which of that kind. */
    private static final Pattern THEN_MAKER = Pattern.compile("^\\s++" + MAKER);
    /** "the Sonique one in midnight blue": the words after "in" that say which of a name's products. */
    private static final Pattern IN_WHAT = Pattern.compile("^\\s++in\\s++(?!(?:the|a|an|my|your|stock|store|total|all)\\b)([a-z]++(?:\\s[a-z]++)?+)\\s*+[?!.]*+$");
    // Nouns that name a property of the product under discussion, not a product: "the price", "the size".
    private static final Set<String> ATTRIBUTES = Set.of("price", "prices", "details", "detail", "size", "sizes", "color", "colors",
            "material", "specs", "spec", "cost", "dimensions", "stock", "picture", "pictures", "pics", "pic", "photo", "photos",
            "reviews", "review", "warranty", "rest", "rate", "difference", "same", "same one", "one", "ones", "item", "product", "thing", "brand",
            "link", "cart", "basket", "order", "total", "description", "info", "weight", "delivery", "shipping");
    // "at the moment", "over the weekend": when, not which product.
    private static final Set<String> WHEN = Set.of("moment", "weekend", "time", "morning", "evening", "afternoon", "night", "day",
            "week", "month", "year", "meantime", "end", "past", "future", "holidays", "summer", "winter");
    // Words that show what is left is a question about the product under discussion, not its name.
    private static final Set<String> NOT_A_NAME = Set.of("it", "is", "what", "how", "does", "do", "did", "this", "that", "have",
            "has", "come", "can", "big", "much", "when", "where", "why", "who", "which", "available", "stock", "pics", "pic",
            "color", "colors", "size", "sizes", "material", "price", "your", "you", "me", "i", "we", "there", "any",
            // "just one is fine he grows too fast": someone's doing, not a name
            "he", "she", "they", "he's", "she's", "they're");

    private static final Pattern TRAILING_ONE = Pattern.compile("(?<!\\s)\\s++(?:one|ones)$");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern PUNCTUATION = Pattern.compile("[?!.,:;]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern LEADING_ARTICLES = Pattern.compile("^(?:(?:the|a|an|my|your|that|this|those|these|some|of)\\s++)+");
    private static final Pattern TRAILING_POINTER = Pattern.compile("(?<!\\s)\\s++(?:one|ones|thing|item|too)$");
    /**
     * "Fable Waterproof Speaker, that one", "... <- this one, 2 of them": a name, then a pointer at it (the name says which),
     * or what a count said of it leaves ("lovely wee lamp that" is a remark, its "that" no pointer after a name).
     */
    private static final Pattern POINTED_AFTER = Pattern.compile("\\s(?:(?:that|this)\\s(?:one|ones|item|thing)|those|these)"
            + "(?:\\sof\\s(?:them|those|these|it))?+$|\\sof\\s(?:them|those|these|it)$");
    private static final Pattern LEADING_ONE = Pattern.compile("^(?:one|ones)\\s+");
    private static final Pattern LONE_NUMBER = Pattern.compile("(?:^|\\s)\\d{1,3}(?=\\s|$)");
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern HYPHEN = Pattern.compile("-");

    private ProductRef() {
    }

    private static final Pattern PLACE_REFUSED = Pattern.compile("\\b(?:not|never|except|but not)\\s++(?:(?:the|that|this)\\s++)?+$");
    private static final Pattern NEGATION_BEFORE = Pattern.compile("\\b(?:not|no|never|except|but not)\\s*+$");

    /** The words of a kind right after a place ("the very first candle you listed", "the second blue one"). */
    private static final Pattern KIND_AFTER_PLACE = Pattern.compile("^\\s++([a-z][a-z'-]*+(?:\\s++[a-z][a-z'-]*+){0,2}?)"
            + "(?=\\s*+(?:$|[?!.,:;]|\\b(?:one|ones|you|u|i|we|from|in|on|that|which|please|pls|and|of|for|as|too|then|is|was|at"
            + "|there|again|instead|listed|shown|with|are|were|looks?|sounds?|seems?)\\b))");
    private static final Set<String> NO_KIND = Set.of("very", "few", "two", "three", "four", "five", "couple", "pair", "time", "times",
            "option", "options", "choice", "result", "results", "choices", "things", "items", "products", "pics", "pictures", "photos");

    /**
     * The place {@code ordinal} says, with the kind said after it when there is one: "the very first candle you listed at the
     * start" is "first candle", the first of the candles shown (the engine finds it in an earlier list when the list on
     * screen has none); "the second one" is "2", a place in the list on screen.
     */
    private static String withKind(String text, Matcher ordinal, QueryTagger names) {
        String place = ORDINALS.get(ordinal.group(1));
        Matcher kind = KIND_AFTER_PLACE.matcher(text).region(ordinal.end(), text.length());
        if (!kind.lookingAt()) {
            return place;
        }
        List<String> words = List.of(SPACES.split(kind.group(1).strip()));
        boolean aKind = words.stream().noneMatch(w -> NO_KIND.contains(w) || ATTRIBUTES.contains(w) || NOT_A_NAME.contains(w)
                || WHEN.contains(w) || OfflineNlu.FUNCTION_WORDS.contains(w))
                // "the second won in stock", "the first wans look grand": a kind is words products are named by, as written
                && words.stream().allMatch(w -> names != null ? names.productWordAsSpelled(w) : QueryTagger.catalogWord(w));
        return aKind ? ProductPlace.of(place, String.join(" ", words)) : place;
    }

    /** Whether {@code ref} is a place among a kind as {@link #in} writes it ("second curtains"). */
    static boolean placeOfAKind(String ref) {
        return ProductPlace.placeOf(ref).isPresent();
    }

    /** Whether {@code text} says a place in a list ("the very first keyboard", "the 2nd one", "the last"). */
    static boolean saysAPlace(String text) {
        return ORDINAL.matcher(text).find();
    }

    /** Whether the phrase at {@code start} is refused ("not the kids one", "no not the dalton ones"). */
    private static boolean negated(String text, int start) {
        return NEGATION_BEFORE.matcher(text.substring(Math.max(0, start - 12), start)).find();
    }

    /**
     * The reference in {@code u}, with quantity words already removed from {@code rest}.
     *
     * @param numberIsRef whether a bare number means a position ("3" after a list) rather than a quantity
     */
    static Optional<String> in(Utterance u, String rest, boolean numberIsRef) {
        return in(u, rest, numberIsRef, QueryTagger.bundled(QueryTagger.Slot.PRODUCT));
    }

    /**
     * {@code names}: the tagger that finds the words naming a product when no sku, position or "the X
     * one" says it (null: the rules' reading of what is left once verbs and chat are taken out).
     */
    static Optional<String> in(Utterance u, String said, boolean numberIsRef, QueryTagger names) {
        // a pack's size, one word while the count was read ("set-of-4"), is read as written here; "count me in for the walnut
        // one": what the idiom of taking is for is the product
        String rest = TAKEN_FOR.matcher(COUNTED_UNIT.matcher(withoutAsides(Utterance.asSaid(said))).replaceAll("$1")).replaceAll(" ");
        Matcher sku = SKU.matcher(u.original());
        if (sku.find()) {
            return Optional.of(sku.group(1).toUpperCase(Locale.ROOT));
        }
        Matcher numbered = NUMBERED.matcher(u.text());
        if (numbered.find()) {
            return Optional.of(numbered.group(1));
        }
        Matcher inWords = NUMBERED_IN_WORDS.matcher(u.text());
        if (inWords.find()) {
            return Optional.of(String.valueOf(Quantity.spoken(inWords.group(1)).orElseThrow()));
        }
        Matcher ordinal = ORDINAL.matcher(u.text());
        while (ordinal.find()) {
            // "not the first, the second": the place refused is not the one meant
            if (!whenNotWhich(u.text(), ordinal) && !PLACE_REFUSED.matcher(u.text().substring(Math.max(0, ordinal.start() - 16), ordinal.start())).find()) {
                return Optional.of(withKind(u.text(), ordinal, names));
            }
        }
        Matcher end = TOP_OR_BOTTOM.matcher(u.text());
        if (end.find()) {
            String place = end.group(1) != null ? end.group(1) : end.group(2);
            return Optional.of(place.equals("top") ? "1" : place.equals("bottom") ? "last" : "middle"); // "the top one", "the one in the middle"
        }
        Matcher other = OTHER_ORDINAL.matcher(u.text());
        if (other.find()) {
            return Optional.of(OTHER_ORDINALS.get(other.group(1)));
        }
        Matcher most = MOST_OR_LEAST.matcher(rest);
        if (most.find() && !negated(rest, most.start())) {
            return Optional.of(most.group()); // "one of the most expensive candle": which of the list, by price (the engine picks it)
        }
        Matcher cheapest = BY_PRICE_OF_A_KIND.matcher(rest);
        if (cheapest.find() && !negated(rest, cheapest.start())) {
            // "the cheapest mouse, one piece", "lemme grab the cheaper cordless one": which of the list by price, among the
            // kind named (the engine picks it)
            String kind = named(u, names, cheapest.group(2));
            return Optional.of(kind.isBlank() ? cheapest.group(1) : cheapest.group(1) + " " + kind);
        }
        Matcher priced = PRICED_ONE.matcher(rest);
        if (priced.find() && !negated(rest, priced.start())) {
            // "the $23.99 one": which of the list, by its price (the engine matches it)
            return Optional.of(priced.group(1) != null ? priced.group(1) : priced.group(2));
        }
        Matcher chosen = GONE_FOR.matcher(rest);
        if (chosen.find() && !negated(rest, chosen.start()) && names != null
                && wordsAndParts(chosen.group(1)).anyMatch(names::productWordAsSpelled)) {
            return Optional.of(chosen.group(1)); // "better I will go for self-cleaning only": the words chosen, a product's
        }
        Matcher from = ONE_FROM.matcher(rest);
        if (from.find() && !negated(rest, from.start())) {
            return Optional.of(from.group(1)); // "I mean the one from Sorrel Studio, the small size": the maker names it
        }
        Matcher with = ONE_WITH.matcher(rest);
        if (with.find() && !negated(rest, with.start()) && !ATTRIBUTES.contains(with.group(1))) {
            return Optional.of(with.group(1));
        }
        if (OBJECT_POINTER.matcher(u.text()).find() && !NAMED_ONE.matcher(rest).find() && !NAMED_THEN_POINTED.matcher(rest).find()) {
            // "add it", "put that in my cart", "hmm she said the puppy's small so that's fine, add it":
            // the verb's object is the product under discussion; other words around it name nothing.
            return Optional.empty();
        }
        Matcher named = NAMED_ONE.matcher(rest);
        while (named.find()) {
            String np = named.group(1).strip();
            if (negated(rest, named.start())) {
                continue; // "not the kids one, the blue one": the one refused is not the one meant
            }
            if (!POINTERS.contains(np) && !ATTRIBUTES.contains(np) && !SMALL_NUMBER.matcher(np).matches()
                    && Arrays.stream(SPACE.split(np)).noneMatch(NOT_NAMING::contains)) {
                Matcher maker = THEN_MAKER.matcher(rest.substring(named.end()));
                if (maker.find()) {
                    return Optional.of(np + " " + maker.group(1)); // "the red one from glow theory": the colour, and whose
                }
                Matcher in = IN_WHAT.matcher(rest.substring(named.end()));
                if (in.find() && !ATTRIBUTES.contains(in.group(1))) {
                    return Optional.of(np + " " + in.group(1));
                }
                // "the Summit Trail junior, the grey one": the colour says which of the products the name fits
                Optional<String> name = colourOnly(np) ? namedApart(rest, named.start()) : Optional.empty();
                return Optional.of(name.map(n -> n + " " + np).orElse(np));
            }
        }
        Matcher first = NAMED_ONE_FIRST.matcher(rest.strip());
        if (first.lookingAt() && pickedBy(first.group(1).strip()) && !negated(rest, 0)) {
            // "fernhill v-neck white one, I want buy 1", "white one, tell me detail": a message that starts with the pick
            return Optional.of(first.group(1).strip());
        }
        Matcher undefined = ONE_UNDEFINED.matcher(rest);
        if (undefined.find() && pickedBy(undefined.group(1).strip()) && !negated(rest, undefined.start())) {
            return Optional.of(undefined.group(1).strip()); // "a pink one please", "i take pink one lah"
        }
        Matcher definite = DEFINITE.matcher(rest);
        while (definite.find()) {
            if (negated(rest, definite.start())) {
                continue;
            }
            if (Arrays.stream(SPACE.split(definite.group(1))).anyMatch(CLAUSE_VERBS::contains) || pastTense(definite.group(1))) {
                continue; // "make it 2 scooters the twins will fight otherwise": who does something, not what to buy
            }
            String np = SPACES.matcher(NOISE.matcher(TRAILING_ONE.matcher(definite.group(1).strip()).replaceAll("")).replaceAll(" "))
                    .replaceAll(" ").strip();
            if (!np.isEmpty() && !ATTRIBUTES.contains(np) && !POINTERS.contains(np) && !SMALL_NUMBER.matcher(np).matches()
                    && !WHEN.contains(np) && !Arrays.stream(SPACE.split(np)).allMatch(LINKING::contains)) { // "increase that to two"
                Matcher maker = THEN_MAKER.matcher(rest.substring(definite.end()));
                String name = maker.find() && !negated(rest, definite.start()) ? maker.group(1) + " " + np : named(u, names, np);
                // "the Snout Supply litter box, the purple, 2 pcs": a colour said apart says which of the name's products
                return Optional.of(colourApart(rest, definite.end()).filter(c -> !name.contains(c)).map(c -> name + " " + c).orElse(name));
            }
        }
        String words = PUNCTUATION.matcher(rest).replaceAll(" ");
        String previous;
        do {
            previous = words;
            words = SPACES.matcher(NOISE.matcher(words).replaceAll(" ")).replaceAll(" ").strip();
        } while (!words.equals(previous));
        if (numberIsRef) {
            Matcher bare = BARE_NUMBER.matcher(words);
            if (bare.matches()) {
                return Optional.of(bare.group(1));
            }
        }
        words = LEADING_ARTICLES.matcher(words).replaceAll("");
        words = TRAILING_POINTER.matcher(POINTED_AFTER.matcher(words).replaceAll("")).replaceAll("");
        words = LEADING_ONE.matcher(words).replaceAll("");
        words = LONE_NUMBER.matcher(words).replaceAll(" ");
        words = SPACES.matcher(words).replaceAll(" ").strip();
        if (words.isEmpty() || POINTERS.contains(words) || words.length() < 2
                || Arrays.stream(SPACE.split(words)).anyMatch(NOT_A_NAME::contains)
                || Arrays.stream(SPACE.split(words)).allMatch(CLAUSE_VERBS::contains)) { // "that one works for me": what it does
            return Optional.empty();
        }
        words = beforeItsVerb(words);
        if (names != null && wordsAndParts(words).noneMatch(names::productWord)) {
            // What is left names nothing the shop sells ("pop a couple", "alright a dozen", "por favor"): the product under discussion.
            return Optional.empty();
        }
        return Optional.of(named(u, names, words));
    }

    /** Each word of {@code words}, and each part of a hyphenated one ("self-cleaning", "self", "cleaning"). */
    private static Stream<String> wordsAndParts(String words) {
        return Arrays.stream(SPACE.split(words)).flatMap(w -> Stream.concat(Stream.of(w), Arrays.stream(HYPHEN.split(w))));
    }

    private static String withoutAsides(String said) {
        String rest = said;
        for (Pattern aside : ASIDES) {
            rest = aside.matcher(rest).replaceAll(" ");
        }
        return rest;
    }

    /** Whether words said before "one" without "the" pick a product: words of its name or a colour, no verb, count or pointer. */
    private static boolean pickedBy(String np) {
        return Arrays.stream(SPACE.split(np)).noneMatch(w -> OfflineNlu.NOT_A_PICK.contains(w) || OfflineNlu.FUNCTION_WORDS.contains(w)
                || NOT_NAMING.contains(w)) && Arrays.stream(SPACE.split(np)).anyMatch(w -> QueryTagger.catalogWord(w)
                || SearchWords.QUALIFIERS.contains(w)) && !ATTRIBUTES.contains(np) && !POINTERS.contains(np) && !SMALL_NUMBER.matcher(np).matches();
    }

    private static final Pattern PIECES = Pattern.compile("[,;]");
    private static final Pattern PIECE_COLOUR = Pattern.compile("^(?:(?:the|in|that|this)\\s++)?+((?:light|dark|pale|bright|forest|navy|sky)\\s++)?+"
            + "([a-z]++)(?:\\s++ones?+)?+[.!?]*+$");

    /** Modal verbs that end a subject: "the mug should be 2 not 1". */
    private static final Set<String> MODALS = Set.of("should", "would", "could", "will", "must", "might", "shall");

    /** "mug should" of "the mug should be 2 not 1": the subject's words, up to the modal verb said of it. */
    private static String beforeItsVerb(String words) {
        String[] each = SPACE.split(words);
        for (int i = 1; i < each.length; i++) {
            if (MODALS.contains(each[i])) {
                return String.join(" ", Arrays.copyOf(each, i));
            }
        }
        return words;
    }

    /**
     * "the kids burned last weekend": who did something, a verb in the past after the noun; not "the padded one" or
     * "the heated throw", whose words the catalog's names have.
     */
    private static boolean pastTense(String np) {
        String[] words = SPACE.split(np.strip());
        for (int i = 1; i < words.length; i++) {
            if (words[i].length() > 4 && words[i].endsWith("ed") && !QueryTagger.catalogWord(words[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean colourOnly(String words) {
        return Arrays.stream(SPACE.split(words)).allMatch(SearchWords.COLOURS::contains);
    }

    /** A colour said as a piece of its own after {@code from} ("..., the purple, 2 pcs", "..., in grey"). */
    private static Optional<String> colourApart(String rest, int from) {
        for (String piece : PIECES.split(rest.substring(from))) {
            Matcher colour = PIECE_COLOUR.matcher(piece.strip());
            if (colour.matches() && SearchWords.COLOURS.contains(colour.group(2))) {
                return Optional.of((colour.group(1) == null ? "" : colour.group(1)) + colour.group(2));
            }
        }
        return Optional.empty();
    }

    /** A product named in another piece of the message than the one at {@code at} ("the Summit Trail junior, ..."). */
    private static Optional<String> namedApart(String rest, int at) {
        Matcher definite = DEFINITE.matcher(rest.substring(0, at));
        while (definite.find()) {
            String np = definite.group(1).strip();
            if (!negated(rest, definite.start()) && !colourOnly(np) && !POINTERS.contains(np) && !ATTRIBUTES.contains(np)
                    && Arrays.stream(SPACE.split(np)).noneMatch(w -> NOT_NAMING.contains(w) || CLAUSE_VERBS.contains(w))) {
                return Optional.of(np);
            }
        }
        return Optional.empty();
    }

    /** The longest run of consecutive words that {@code a} and {@code b} both have; the first such run of {@code a}. */
    private static List<String> longestCommonRun(List<String> a, List<String> b) {
        int bestAt = 0;
        int bestLength = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                int n = 0;
                while (i + n < a.size() && j + n < b.size() && a.get(i + n).equals(b.get(j + n))) {
                    n++;
                }
                if (n > bestLength) {
                    bestAt = i;
                    bestLength = n;
                }
            }
        }
        return a.subList(bestAt, bestAt + bestLength);
    }

    /** The words the tagger finds naming a product in {@code u}, or the rules' {@code words} when it finds none. */
    private static String named(Utterance said, QueryTagger names, String words) {
        if (names == null) {
            return words;
        }
        // the tagger reads what the rules read: "coming home with me" names no "home"
        String text = withoutAsides(said.text());
        Utterance u = text.equals(said.text()) ? said : Utterance.of(text);
        Matcher unit = COUNTED_UNIT.matcher(u.text());
        List<String> found = names.productWords(SearchQuery.words(unit.find() ? Utterance.of(unit.replaceAll("$1")) : u));
        if (found.isEmpty()) {
            return words;
        }
        // The rules' words go on past the tagger's with words of product names ("the jump ropes":
        // "jump" + "ropes"): the head of the name, kept. Chat after it ("mugs up") is no such word.
        List<String> rules = SearchQuery.split(words);
        int at = java.util.Collections.indexOfSubList(rules, found);
        if (at < 0) {
            // The tagger ran on past the rules' phrase ("reduce the Kinsley lamps to one": "kinsley lamps to"):
            // the longest run of its words the rules' phrase has too, if any.
            List<String> run = longestCommonRun(found, rules);
            if (!run.isEmpty()) {
                found = run;
                at = java.util.Collections.indexOfSubList(rules, found);
            }
        }
        if (at >= 0) {
            int end = at + found.size();
            // A word one letter off a product word goes on the name only when the tagger never met it as
            // a word of its own: "the red keetle", but "would the XL bed fit a golden retriever" (not "kit").
            while (end < rules.size() && (names.productWordAsSpelled(rules.get(end))
                    || names.productWord(rules.get(end)) && !names.saw(rules.get(end)))) {
                end++;
            }
            found = rules.subList(at, end);
        }
        return String.join(" ", found);
    }
}
